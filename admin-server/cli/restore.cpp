// engage-admin restore --data DIR --from FILE
//
// Replaces DIR/engage.db with a backup, only after checking it, and only
// while no server holds DIR (cli/data_dir_lock.hpp). The order makes every
// crash point safe: the checked copy is written beside the database and
// fsynced, the old database's write-ahead log is folded in and removed (a
// stale WAL must never be replayed onto the restored file), then one
// rename() swaps the files and the folder is fsynced. Before the rename the
// old database is whole; after it, the restored one is.
#include "cli/commands.hpp"
#include "cli/data_dir.hpp"
#include "cli/data_dir_lock.hpp"
#include "cli/options.hpp"
#include "engage/sqlite/database.hpp"
#include "engage/sqlite/error.hpp"
#include "engage/sqlite/statement.hpp"
#include "store/migrations.hpp"
#include "store/sqlite_store.hpp"

#include <array>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sqlite3.h>
#include <unistd.h>

namespace engage::cli {
namespace {

namespace fs = std::filesystem;

// Tables every Engage database has had since schema version 1; a file
// without them is some other program's SQLite database.
constexpr std::array<std::string_view, 5> expected_tables{"meta", "forms", "submissions",
                                                          "sealed_signups", "kiosks"};

struct Checked {
    int schema_version = 0;
    std::int64_t submissions = 0;
    std::int64_t kiosks = 0;
};

// Every check that the file is an Engage database this program can serve.
// Returns nullopt with `error` set when it is not.
std::optional<Checked> check_database(sqlite::Database& db, const std::string& name,
                                      std::string& error) {
    {
        // integrity_check reads every page: a torn or corrupt backup fails
        // here, before anything in DIR changes. So bad a file that SQLite
        // refuses to check at all fails the same way.
        std::string first;
        try {
            sqlite::Statement st(db, "PRAGMA integrity_check");
            if (st.step()) {
                first = st.text(0);
            }
        } catch (const sqlite::Error& e) {
            first = e.what();
        }
        if (first != "ok") {
            error = name + " fails SQLite's integrity check (" + first.substr(0, 200) +
                    "): it is damaged; try an older backup";
            return std::nullopt;
        }
    }
    Checked c;
    c.schema_version = store::read_schema_version(db);
    if (c.schema_version > store::schema_version) {
        error = name + " has schema version " + std::to_string(c.schema_version) +
                ", newer than this engage-admin reads (" + std::to_string(store::schema_version) +
                "): restore it with the engage-admin that made it, or a newer one";
        return std::nullopt;
    }
    for (const auto table : expected_tables) {
        sqlite::Statement st(db, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND "
                                 "name = ?1");
        st.bind(1, table);
        if (c.schema_version < 1 || !st.step() || st.integer(0) != 1) {
            error = name + " is an SQLite database but not an Engage one (no table '" +
                    std::string(table) + "', or no schema version)";
            return std::nullopt;
        }
    }
    {
        sqlite::Statement st(db, "SELECT (SELECT count(*) FROM submissions) + "
                                 "(SELECT count(*) FROM sealed_signups), "
                                 "(SELECT count(*) FROM kiosks)");
        if (st.step()) {
            c.submissions = st.integer(0);
            c.kiosks = st.integer(1);
        }
    }
    return c;
}

bool is_sqlite_file(const fs::path& file) {
    static constexpr std::string_view magic{"SQLite format 3\0", 16};
    std::ifstream in(file, std::ios::binary);
    std::array<char, 16> head{};
    in.read(head.data(), head.size());
    return in.gcount() == static_cast<std::streamsize>(head.size()) &&
           std::string_view(head.data(), head.size()) == magic;
}

// Copies `from` into the new file `to` with SQLite's backup API (a
// consistent copy, even of a WAL-mode source), as one self-contained file.
void copy_database(sqlite::Database& from, const fs::path& to) {
    sqlite::Database dest =
        sqlite::Database::open(to, sqlite::OpenMode::create, sqlite::no_pragmas);
    std::unique_ptr<sqlite3_backup, int (*)(sqlite3_backup*)> backup(
        sqlite3_backup_init(dest.handle(), "main", from.handle(), "main"), &sqlite3_backup_finish);
    if (!backup) {
        sqlite::check(dest.handle(), sqlite3_errcode(dest.handle()), "restore copy");
        throw std::runtime_error("the copy could not start");
    }
    const int rc = sqlite3_backup_step(backup.get(), -1);
    if (rc != SQLITE_DONE) {
        sqlite::check(dest.handle(), rc, "restore copy");
    }
    sqlite::check(dest.handle(), sqlite3_backup_finish(backup.release()), "restore copy");
    dest.exec("PRAGMA journal_mode=DELETE;");
}

// fsync of a file or folder; throws with the reason.
void sync_path(const fs::path& path, bool directory) {
    const int fd = ::open(path.c_str(), (directory ? O_RDONLY | O_DIRECTORY : O_RDWR) | O_CLOEXEC);
    if (fd < 0) {
        throw std::runtime_error("cannot open " + path.string() + ": " + std::strerror(errno));
    }
    const int rc = ::fsync(fd);
    const int why = errno;
    ::close(fd);
    if (rc != 0) {
        throw std::runtime_error("cannot fsync " + path.string() + ": " + std::strerror(why));
    }
}

// Folds the current database's WAL into it and removes the WAL and its
// index, so the restored file cannot meet a log written for the old one.
// The old database may be the damaged one being replaced: if it will not
// checkpoint, its WAL goes anyway (said on stderr).
void retire_old_wal(const fs::path& db_path) {
    std::error_code ec;
    if (fs::exists(db_path, ec)) {
        try {
            auto old =
                sqlite::Database::open(db_path, sqlite::OpenMode::read_write, sqlite::no_pragmas);
            old.exec("PRAGMA wal_checkpoint(TRUNCATE);");
        } catch (const std::exception& e) {
            std::fprintf(stderr,
                         "engage-admin restore: the database being replaced would not "
                         "checkpoint (%s); replacing it anyway\n",
                         e.what());
        }
    }
    fs::remove(fs::path(db_path.string() + "-wal"), ec);
    fs::remove(fs::path(db_path.string() + "-shm"), ec);
}

int fail(const std::string& why) {
    std::fprintf(stderr, "engage-admin restore: %s\n", why.c_str());
    return exit_failure;
}

} // namespace

int restore(const Args& args) {
    std::string error;
    const auto options = parse_options(args, {{"data", "store", "from"}, {}}, error);
    if (!options) {
        std::fprintf(stderr, "engage-admin restore: %s\n", error.c_str());
        return exit_usage;
    }
    if (const auto where = data_location(*options, "restore"); where && where->postgresql()) {
        std::fprintf(stderr,
                     "engage-admin restore: the database is on PostgreSQL; restore a pg_dump "
                     "copy into an empty database with pg_restore, e.g.\n"
                     "  pg_restore --dbname='%s' --single-transaction FILE\n"
                     "then point the servers' store setting at it (docs/postgresql.md). Nothing "
                     "was changed.\n",
                     where->describe().c_str());
        return exit_failure;
    }
    const auto dir = options->get("data");
    const auto from = options->get("from");
    if (!dir || dir->empty() || !from || from->empty()) {
        std::fputs("engage-admin restore: --data DIR and --from FILE are required\n", stderr);
        return exit_usage;
    }
    const fs::path source(*from);
    std::error_code ec;
    if (!fs::is_regular_file(source, ec)) {
        return fail(source.string() + " is not a file");
    }
    if (!is_sqlite_file(source)) {
        return fail(source.string() + " is not an SQLite database (no SQLite header); nothing "
                                      "was changed");
    }
    // Held to the end: no server may start on DIR while its database is swapped.
    auto lock = DataDirLock::try_acquire(*dir, error);
    if (!lock) {
        return fail(error + ". Stop the server first (e.g. systemctl stop engage-admin); nothing "
                            "was changed");
    }
    const fs::path db_path = fs::path(*dir) / store::database_file_name;
    const fs::path staging =
        fs::path(*dir) / (std::string(store::database_file_name) + ".restoring");
    try {
        // Open read-only: checking a backup never changes it.
        auto src = sqlite::Database::open(source, sqlite::OpenMode::read_only, sqlite::no_pragmas);
        const auto checked = check_database(src, source.string(), error);
        if (!checked) {
            return fail(error + "; nothing was changed");
        }
        fs::remove(staging, ec); // left by an interrupted restore
        copy_database(src, staging);
        {
            // What is installed is what was checked: the copy passes too.
            auto copy =
                sqlite::Database::open(staging, sqlite::OpenMode::read_only, sqlite::no_pragmas);
            if (!check_database(copy, staging.string(), error)) {
                fs::remove(staging, ec);
                return fail(error + "; nothing was changed");
            }
        }
        sync_path(staging, false);
        retire_old_wal(db_path);
        fs::rename(staging, db_path);
        sync_path(db_path.parent_path(), true);

        std::printf("restored %s from %s: schema version %d, %lld submissions, %lld kiosks. The "
                    "previous database was replaced.\n",
                    db_path.string().c_str(), source.string().c_str(), checked->schema_version,
                    static_cast<long long>(checked->submissions),
                    static_cast<long long>(checked->kiosks));
        if (checked->schema_version < store::schema_version) {
            std::printf("The next `engage-admin serve` upgrades it to schema version %d.\n",
                        store::schema_version);
        }
        return 0;
    } catch (const std::exception& e) {
        fs::remove(staging, ec);
        return fail(std::string(e.what()) + " (the database in " + *dir +
                    " is as it was unless the error came after the swap)");
    }
}

} // namespace engage::cli
