#include "engage/pg/connection.hpp"

#include "engage/pg/error.hpp"

#include <libpq-fe.h>

namespace engage::pg {

namespace {

// libpq's messages end in a newline; some carry a second line.
std::string first_line(const char* message) {
    std::string m = message ? message : "";
    if (const auto nl = m.find('\n'); nl != std::string::npos) {
        m.resize(nl);
    }
    return m;
}

} // namespace

std::vector<const char*> Params::pointers() const {
    std::vector<const char*> p;
    p.reserve(values_.size());
    for (const auto& v : values_) {
        p.push_back(v ? v->c_str() : nullptr);
    }
    return p;
}

void Connection::Finish::operator()(pg_conn* c) const noexcept {
    PQfinish(c);
}

Connection Connection::open(const std::string& conninfo) {
    Connection c(PQconnectdb(conninfo.c_str()));
    if (!c.c_) {
        throw Error("", "cannot connect to PostgreSQL: out of memory");
    }
    // libpq prints the server's notices and warnings to stderr by default
    // ("terminating connection due to administrator command"): what matters
    // reaches us as errors on the next statement, and the server's own log
    // keeps the rest, so ours stays free of them.
    PQsetNoticeProcessor(
        c.c_.get(), [](void*, const char*) {}, nullptr);
    if (PQstatus(c.c_.get()) != CONNECTION_OK) {
        throw Error("", "cannot connect to PostgreSQL at " + redact_conninfo(conninfo) + ": " +
                            first_line(PQerrorMessage(c.c_.get())));
    }
    c.exec("SET synchronous_commit = on; SET client_encoding = 'UTF8'; "
           "SET client_min_messages = warning");
    return c;
}

Result Connection::checked(pg_result* raw, std::string_view what) {
    Result r(raw);
    if (!raw) {
        throw Error("", std::string(what) + ": " + first_line(PQerrorMessage(c_.get())));
    }
    switch (PQresultStatus(raw)) {
    case PGRES_COMMAND_OK:
    case PGRES_TUPLES_OK:
    case PGRES_EMPTY_QUERY:
        return r;
    default:
        break;
    }
    const char* state = PQresultErrorField(raw, PG_DIAG_SQLSTATE);
    const char* primary = PQresultErrorField(raw, PG_DIAG_MESSAGE_PRIMARY);
    throw Error(state ? state : "",
                std::string(what) + ": " +
                    (primary ? std::string(primary) : first_line(PQresultErrorMessage(raw))));
}

void Connection::exec(std::string_view sql) {
    const std::string text(sql);
    checked(PQexec(c_.get(), text.c_str()), "PostgreSQL statement failed");
}

Result Connection::query(std::string_view sql, const Params& params) {
    const std::string text(sql);
    const auto values = params.pointers();
    return checked(PQexecParams(c_.get(), text.c_str(), params.size(), nullptr, values.data(),
                                nullptr, nullptr, 0),
                   "PostgreSQL query failed");
}

void Connection::prepare(const std::string& name, std::string_view sql) {
    const std::string text(sql);
    checked(PQprepare(c_.get(), name.c_str(), text.c_str(), 0, nullptr),
            "PostgreSQL prepare failed");
}

Result Connection::run_prepared(const std::string& name, const Params& params) {
    const auto values = params.pointers();
    return checked(
        PQexecPrepared(c_.get(), name.c_str(), params.size(), values.data(), nullptr, nullptr, 0),
        "PostgreSQL query failed");
}

bool Connection::ok() const noexcept {
    return c_ && PQstatus(c_.get()) == CONNECTION_OK;
}

void Connection::reset() {
    PQreset(c_.get());
    if (!ok()) {
        throw Error("", "cannot reconnect to PostgreSQL: " + first_line(PQerrorMessage(c_.get())));
    }
    exec("SET synchronous_commit = on; SET client_encoding = 'UTF8'; "
         "SET client_min_messages = warning");
}

void Connection::read_input() {
    if (PQconsumeInput(c_.get()) == 0) {
        throw Error("", "PostgreSQL connection lost: " + first_line(PQerrorMessage(c_.get())));
    }
}

std::vector<Notification> Connection::notifications() {
    std::vector<Notification> out;
    while (PGnotify* n = PQnotifies(c_.get())) {
        out.push_back({n->relname ? n->relname : "", n->extra ? n->extra : ""});
        PQfreemem(n);
    }
    return out;
}

int Connection::socket() const noexcept {
    return PQsocket(c_.get());
}

std::string quote_identifier(std::string_view name) {
    std::string q = "\"";
    for (const char ch : name) {
        q += ch;
        if (ch == '"') {
            q += '"';
        }
    }
    return q + "\"";
}

std::string redact_conninfo(std::string_view conninfo) {
    std::string s(conninfo);
    // URI form: scheme://user:password@host...
    if (const auto scheme = s.find("://"); scheme != std::string::npos) {
        const auto at = s.find('@', scheme + 3);
        const auto colon = s.find(':', scheme + 3);
        if (at != std::string::npos && colon != std::string::npos && colon < at) {
            s.replace(colon + 1, at - colon - 1, "***");
        }
    }
    // Keyword form, and a URI's ?password= parameter.
    for (const std::string key : {"password=", "password ="}) {
        auto pos = s.find(key);
        while (pos != std::string::npos) {
            const auto start = pos + key.size();
            auto end = s.find_first_of(" &", start);
            if (end == std::string::npos) {
                end = s.size();
            }
            s.replace(start, end - start, "***");
            pos = s.find(key, start + 3);
        }
    }
    return s;
}

} // namespace engage::pg
