#pragma once
// A private PostgreSQL cluster for tests and benchmarks (issue 12): made
// with Debian's initdb in a temporary folder, started with pg_ctl, listening
// only on a Unix socket in that folder (no TCP port, so parallel test
// programs never collide and nothing outside can connect), stopped and
// removed by the destructor. Never the system cluster.
//
// PostgreSQL refuses to run as root: when the tests run as root the folder
// is handed to the `postgres` user (made by Debian's package) and initdb
// and pg_ctl run through runuser. Connections use that user, with trust
// authentication on the private socket.
//
// The binaries come from $ENGAGE_PG_BINDIR, else `pg_config --bindir`'s
// Debian answer /usr/lib/postgresql/15/bin.
//
// Not thread-safe; not copyable.

#include "support/temp_dir.hpp"

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace engage::test {

class PgCluster {
public:
    // initdb, then start. Throws std::runtime_error with the log's tail when
    // either fails.
    PgCluster();
    ~PgCluster();
    PgCluster(const PgCluster&) = delete;
    PgCluster& operator=(const PgCluster&) = delete;

    // One cluster per test program, started on first use and stopped at exit.
    static PgCluster& shared();

    // Creates a new empty database and returns its URI
    // ("postgresql:///NAME?host=SOCKETDIR&user=postgres"). Each call makes a
    // fresh one (name: `prefix` plus a counter), so tests never share data.
    std::string create_database(std::string_view prefix = "engage");
    std::string uri(std::string_view database) const;

    // For crash tests: `pg_ctl stop -m immediate` (no shutdown checkpoint,
    // as a power cut leaves it) and start again.
    void stop_immediately();
    void start();
    bool running() const { return running_; }

    const std::filesystem::path& socket_dir() const { return dir_.path(); }
    std::filesystem::path log_file() const { return dir_ / "postgres.log"; }

private:
    void pg_ctl(const std::vector<std::string>& args);
    TempDir dir_;
    bool as_postgres_ = false; // running as root: every PostgreSQL binary through runuser
    bool running_ = false;
    int next_database_ = 0;
};

} // namespace engage::test
