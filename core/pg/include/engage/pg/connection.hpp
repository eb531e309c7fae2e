#pragma once
// One PostgreSQL connection with one RAII owner (PQfinish). Opened from a
// libpq connection string or URI ("postgresql://user@host/db",
// "postgresql:///db?host=/run/engage"). Every statement runs with
// parameters sent apart from the SQL text (PQexecParams), never spliced in.
//
// Every session starts with synchronous_commit=on (an acknowledged write
// is on disk, DESIGN §4) whatever the server's default, and client_encoding
// UTF8.
//
// Thread safety: a Connection belongs to one thread at a time; the owner
// serialises access. Movable, never copyable.

#include "engage/pg/params.hpp"
#include "engage/pg/result.hpp"

#include <memory>
#include <string>
#include <string_view>
#include <vector>

struct pg_conn;

namespace engage::pg {

// A NOTIFY received on a channel this connection LISTENs to.
struct Notification {
    std::string channel;
    std::string payload;
};

class Connection {
public:
    // Connects; throws Error (sqlstate "") naming the target without its
    // password when the server cannot be reached or refuses.
    static Connection open(const std::string& conninfo);

    Connection(Connection&&) noexcept = default;
    Connection& operator=(Connection&&) noexcept = default;
    Connection(const Connection&) = delete;
    Connection& operator=(const Connection&) = delete;
    ~Connection() = default;

    // Runs one or more statements without parameters (schema, BEGIN).
    void exec(std::string_view sql);
    // Runs one statement with `params`; throws Error on failure.
    Result query(std::string_view sql, const Params& params = {});
    template <typename... Values>
    Result query(std::string_view sql, const Values&... values) {
        return query(sql, Params(values...));
    }
    // Prepares `sql` once under `name` for run_prepared (the ingest path
    // runs the same statements thousands of times).
    void prepare(const std::string& name, std::string_view sql);
    Result run_prepared(const std::string& name, const Params& params);

    // False after the server went away; reset() then tries to reconnect.
    bool ok() const noexcept;
    void reset();

    // Notifications that have arrived; read_input() first pulls any waiting
    // on the socket without blocking. socket() is for poll().
    void read_input();
    std::vector<Notification> notifications();
    int socket() const noexcept;

    pg_conn* handle() const noexcept { return c_.get(); }

private:
    struct Finish {
        void operator()(pg_conn* c) const noexcept;
    };
    explicit Connection(pg_conn* c) : c_(c) {}
    Result checked(pg_result* r, std::string_view what);
    std::unique_ptr<pg_conn, Finish> c_;
};

// Text with a double quote doubled, in double quotes: a safe identifier.
std::string quote_identifier(std::string_view name);

// The conninfo with any password replaced by "***" (for messages and logs).
std::string redact_conninfo(std::string_view conninfo);

} // namespace engage::pg
