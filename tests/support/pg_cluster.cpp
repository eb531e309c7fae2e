#include "support/pg_cluster.hpp"

#include "engage/pg/connection.hpp"
#include "support/child_process.hpp"

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <pwd.h>
#include <sstream>
#include <stdexcept>
#include <unistd.h>

namespace engage::test {

namespace {

std::filesystem::path bin_dir() {
    if (const char* env = std::getenv("ENGAGE_PG_BINDIR"); env && *env) {
        return env;
    }
    return "/usr/lib/postgresql/15/bin";
}

std::string tail(const std::filesystem::path& file) {
    std::ifstream in(file);
    std::stringstream all;
    all << in.rdbuf();
    const std::string text = all.str();
    return text.size() > 2000 ? text.substr(text.size() - 2000) : text;
}

// Runs argv to the end with both streams in `log`; throws with the log's
// tail when it fails.
void run(std::string_view what, const std::vector<std::string>& argv,
         const std::filesystem::path& log) {
    ChildProcess child(argv, ChildIo{{}, log, log});
    const auto status = child.wait_for(std::chrono::minutes(2));
    if (!status || !status->exited || status->code != 0) {
        throw std::runtime_error(std::string(what) + " failed:\n" + tail(log));
    }
}

} // namespace

PgCluster::PgCluster() : dir_("engage-pg") {
    as_postgres_ = ::geteuid() == 0;
    if (as_postgres_) {
        const passwd* pw = ::getpwnam("postgres");
        if (!pw) {
            throw std::runtime_error("running as root and there is no postgres user: install "
                                     "postgresql-15 (scripts/setup.sh)");
        }
        if (::chown(dir_.path().c_str(), pw->pw_uid, pw->pw_gid) != 0) {
            throw std::runtime_error("cannot hand " + dir_.path().string() + " to postgres");
        }
    }
    std::vector<std::string> argv;
    if (as_postgres_) {
        argv = {"/usr/sbin/runuser", "-u", "postgres", "--"};
    }
    // --no-sync: the cluster is thrown away; the server itself still fsyncs
    // (crash tests stop it with -m immediate and rely on its WAL).
    for (const std::string& a : std::vector<std::string>{
             (bin_dir() / "initdb").string(), std::string("-D"), (dir_ / "data").string(),
             std::string("-U"), std::string("postgres"), std::string("-A"), std::string("trust"),
             std::string("-E"), std::string("UTF8"), std::string("--locale=C"),
             std::string("--no-sync")}) {
        argv.push_back(a);
    }
    run("initdb", argv, dir_ / "initdb.log");
    start();
}

PgCluster::~PgCluster() {
    if (running_) {
        try {
            pg_ctl({"stop", "-m", "immediate"});
        } catch (...) {
            // A cluster that will not stop dies with its folder's removal.
        }
    }
}

PgCluster& PgCluster::shared() {
    static PgCluster cluster;
    return cluster;
}

void PgCluster::pg_ctl(const std::vector<std::string>& args) {
    std::vector<std::string> argv;
    if (as_postgres_) {
        argv = {"/usr/sbin/runuser", "-u", "postgres", "--"};
    }
    argv.push_back((bin_dir() / "pg_ctl").string());
    argv.push_back("-D");
    argv.push_back((dir_ / "data").string());
    argv.push_back("-w");
    for (const auto& a : args) {
        argv.push_back(a);
    }
    run("pg_ctl " + args.front(), argv, dir_ / "pg_ctl.log");
}

void PgCluster::start() {
    // Only the private socket; fsync stays on (the default) so a crash test
    // measures what an installation would keep.
    pg_ctl({"start", "-l", log_file().string(), "-o",
            "-c listen_addresses='' -c unix_socket_directories='" + dir_.path().string() +
                "' -c max_connections=200 -c shared_buffers=64MB"});
    running_ = true;
}

void PgCluster::stop_immediately() {
    pg_ctl({"stop", "-m", "immediate"});
    running_ = false;
}

std::string PgCluster::uri(std::string_view database) const {
    return "postgresql:///" + std::string(database) + "?host=" + dir_.path().string() +
           "&user=postgres";
}

std::string PgCluster::create_database(std::string_view prefix) {
    const std::string name = std::string(prefix) + "_" + std::to_string(++next_database_);
    auto admin = pg::Connection::open(uri("postgres"));
    admin.exec("CREATE DATABASE " + pg::quote_identifier(name));
    return uri(name);
}

} // namespace engage::test
