// engage-admin migrate-store --data DIR --to postgresql://...
//
// Moves an installation from DIR/engage.db to an empty PostgreSQL database
// (issue 12): every table, row for row, in one PostgreSQL transaction, then
// reads both back and compares each table's row count and checksum before
// committing. Nothing is committed when anything differs, and the SQLite
// file is only read. The server must be stopped (the data folder's lock),
// so nothing arrives during the copy.
//
// Copied as stored: sealed sign-ups stay sealed, password and token hashes
// stay hashes, the coordinators' keys stay locked under their passphrase.
#include "cli/commands.hpp"
#include "cli/data_dir.hpp"
#include "cli/data_dir_lock.hpp"
#include "engage/pg/connection.hpp"
#include "engage/pg/transaction.hpp"
#include "engage/sqlite/database.hpp"
#include "engage/sqlite/statement.hpp"
#include "store/migrations.hpp"
#include "store/pg_migrations.hpp"

#include <algorithm>
#include <array>
#include <cstdio>
#include <cstring>
#include <sodium.h>
#include <stdexcept>
#include <string>
#include <vector>

namespace engage::cli {

namespace {

// Rows per INSERT: large enough that a million items take seconds, small
// enough to stay far below PostgreSQL's 65535 parameters per statement.
constexpr std::size_t rows_per_insert = 500;

// Tables whose rows others reference go first (users before sessions and
// recovery codes, decisions before their updates); the rest follow by name.
constexpr std::array parents_first{std::string_view("users"), std::string_view("decisions")};

// A table's rows folded into a value that does not depend on their order
// (the engines sort text differently): the sum, modulo 2^64 per half, of
// each row's BLAKE2b hash. Each value is framed (NULL or length:bytes), so
// shifting bytes between columns changes the hash.
struct Checksum {
    std::int64_t rows = 0;
    std::uint64_t a = 0;
    std::uint64_t b = 0;
    bool operator==(const Checksum&) const = default;

    void add(const std::vector<std::optional<std::string>>& row) {
        crypto_generichash_state st;
        crypto_generichash_init(&st, nullptr, 0, 16);
        for (const auto& v : row) {
            std::string frame(1, v ? 'v' : 'n');
            if (v) {
                frame.append(std::to_string(v->size())).push_back(':');
            }
            crypto_generichash_update(&st, reinterpret_cast<const unsigned char*>(frame.data()),
                                      frame.size());
            if (v) {
                crypto_generichash_update(&st, reinterpret_cast<const unsigned char*>(v->data()),
                                          v->size());
            }
        }
        std::array<unsigned char, 16> h{};
        crypto_generichash_final(&st, h.data(), h.size());
        std::uint64_t x = 0;
        std::uint64_t y = 0;
        std::memcpy(&x, h.data(), 8);
        std::memcpy(&y, h.data() + 8, 8);
        a += x;
        b += y;
        ++rows;
    }
};

std::string column_list(const std::vector<std::string>& columns) {
    std::string out;
    for (const auto& c : columns) {
        if (!out.empty()) {
            out.append(", ");
        }
        out.append(pg::quote_identifier(c));
    }
    return out;
}

// The tables migrations made on PostgreSQL, parents first, with their
// columns in order.
std::vector<std::pair<std::string, std::vector<std::string>>> target_tables(pg::Connection& c) {
    const auto r = c.query("SELECT table_name, column_name FROM information_schema.columns "
                           "WHERE table_schema = current_schema() AND table_name <> "
                           "'engage_schema' ORDER BY table_name, ordinal_position");
    std::vector<std::pair<std::string, std::vector<std::string>>> tables;
    for (int i = 0; i < r.rows(); ++i) {
        const auto table = r.string(i, 0);
        if (tables.empty() || tables.back().first != table) {
            tables.push_back({table, {}});
        }
        tables.back().second.push_back(r.string(i, 1));
    }
    std::stable_partition(tables.begin(), tables.end(), [](const auto& t) {
        return std::find(parents_first.begin(), parents_first.end(), t.first) !=
               parents_first.end();
    });
    return tables;
}

Checksum
source_checksum(sqlite::Database& db, const std::string& table,
                const std::vector<std::string>& columns,
                const std::function<void(std::vector<std::optional<std::string>>&&)>& each) {
    sqlite::Statement st(db,
                         "SELECT " + column_list(columns) + " FROM " + pg::quote_identifier(table));
    Checksum sum;
    while (st.step()) {
        std::vector<std::optional<std::string>> row;
        row.reserve(columns.size());
        for (int i = 0; i < static_cast<int>(columns.size()); ++i) {
            row.push_back(st.is_null(i) ? std::nullopt : std::optional(st.bytes(i)));
        }
        sum.add(row);
        if (each) {
            each(std::move(row));
        }
    }
    return sum;
}

Checksum target_checksum(pg::Connection& c, const std::string& table,
                         const std::vector<std::string>& columns) {
    const auto r =
        c.query("SELECT " + column_list(columns) + " FROM " + pg::quote_identifier(table));
    Checksum sum;
    for (int i = 0; i < r.rows(); ++i) {
        std::vector<std::optional<std::string>> row;
        row.reserve(columns.size());
        for (int j = 0; j < r.columns(); ++j) {
            row.push_back(r.is_null(i, j) ? std::nullopt : std::optional(r.string(i, j)));
        }
        sum.add(row);
    }
    return sum;
}

// Inserts the rows gathered so far in one statement.
void flush(pg::Connection& c, const std::string& table, const std::vector<std::string>& columns,
           std::vector<std::vector<std::optional<std::string>>>& rows) {
    if (rows.empty()) {
        return;
    }
    std::string sql =
        "INSERT INTO " + pg::quote_identifier(table) + "(" + column_list(columns) + ") VALUES ";
    pg::Params params;
    int n = 0;
    for (std::size_t i = 0; i < rows.size(); ++i) {
        sql += i == 0 ? "(" : ", (";
        for (std::size_t j = 0; j < columns.size(); ++j) {
            sql.append(j == 0 ? "$" : ", $").append(std::to_string(++n));
            params.add(rows[i][j]);
        }
        sql += ")";
    }
    c.query(sql, params);
    rows.clear();
}

int fail(const std::string& why) {
    std::fprintf(stderr, "engage-admin migrate-store: %s\n", why.c_str());
    return exit_failure;
}

} // namespace

int migrate_store(const Args& args) {
    std::string error;
    const auto options = parse_options(args, {{"data", "to"}, {}}, error);
    if (!options) {
        std::fprintf(stderr, "engage-admin migrate-store: %s\n", error.c_str());
        return exit_usage;
    }
    const auto dir = options->get("data");
    const auto to = options->get("to");
    if (!dir || dir->empty() || !to || !is_postgresql_uri(*to)) {
        std::fputs("engage-admin migrate-store: --data DIR and --to postgresql://... are "
                   "required\n",
                   stderr);
        return exit_usage;
    }
    const std::filesystem::path db_path = std::filesystem::path(*dir) / store::database_file_name;
    std::error_code ec;
    if (!std::filesystem::is_regular_file(db_path, ec)) {
        return fail(db_path.string() + " does not exist; nothing was copied");
    }
    auto lock = DataDirLock::try_acquire(*dir, error);
    if (!lock) {
        return fail(error + ". Stop the server first (e.g. systemctl stop engage-admin); nothing "
                            "was copied");
    }
    if (sodium_init() < 0) {
        return fail("libsodium did not start");
    }
    const std::string target_name = pg::redact_conninfo(*to);
    try {
        auto src = sqlite::Database::open(db_path, sqlite::OpenMode::read_only, sqlite::no_pragmas);
        if (const int v = store::read_schema_version(src); v != store::schema_version) {
            return fail(db_path.string() + " is at schema " + std::to_string(v) +
                        ", this program's is " + std::to_string(store::schema_version) +
                        (v < store::schema_version
                             ? ": start `engage-admin serve` on it once to upgrade it first"
                             : ": a newer engage-admin made it") +
                        "; nothing was copied");
        }
        auto dst = pg::Connection::open(*to);
        store::apply_pg_migrations(dst);
        const auto tables = target_tables(dst);

        pg::Transaction tx(dst);
        // Nobody else may write while we check and fill it.
        for (const auto& [table, columns] : tables) {
            dst.exec("LOCK TABLE " + pg::quote_identifier(table) + " IN EXCLUSIVE MODE");
        }
        for (const auto& [table, columns] : tables) {
            // The schema's own default row of the retention settings does
            // not make a database "in use".
            const auto n = dst.query("SELECT count(*) FROM " + pg::quote_identifier(table) +
                                     (table == "signup_retention"
                                          ? " WHERE (handled_days, flag_days, max_days) <> "
                                            "(30, 14, 90)"
                                          : ""))
                               .integer(0, 0);
            if (n > 0) {
                return fail(target_name + " is not empty (table " + table + " has " +
                            std::to_string(n) +
                            " rows): migrate-store copies into an empty database only. Create a "
                            "new one (createdb) and start no server on it before the move; "
                            "nothing was copied");
            }
        }
        dst.exec("DELETE FROM signup_retention");
        // Counts kept by triggers are copied as counted, not counted again.
        dst.exec("ALTER TABLE sealed_signups DISABLE TRIGGER USER");

        std::vector<std::pair<std::string, Checksum>> copied;
        for (const auto& [table, columns] : tables) {
            std::vector<std::vector<std::optional<std::string>>> batch;
            const auto sum = source_checksum(src, table, columns, [&](auto&& row) {
                batch.push_back(std::move(row));
                if (batch.size() == rows_per_insert) {
                    flush(dst, table, columns, batch);
                }
            });
            flush(dst, table, columns, batch);
            copied.emplace_back(table, sum);
        }
        dst.exec("ALTER TABLE sealed_signups ENABLE TRIGGER USER");
        // Identities continue after the copied ids.
        for (const std::string table : {"audit_log", "decisions", "decision_updates"}) {
            dst.exec("SELECT setval(pg_get_serial_sequence('" + table + "', 'id'), " +
                     "coalesce((SELECT max(id) FROM " + table + "), 0) + 1, false)");
        }
        // Read back inside the transaction: commit only what matches.
        for (std::size_t i = 0; i < tables.size(); ++i) {
            const auto& [table, columns] = tables[i];
            const auto back = target_checksum(dst, table, columns);
            if (!(back == copied[i].second)) {
                return fail("table " + table + " differs after the copy (" +
                            std::to_string(copied[i].second.rows) + " rows read, " +
                            std::to_string(back.rows) +
                            " in PostgreSQL, or their checksums differ); nothing was committed");
            }
        }
        tx.commit();
        std::int64_t total = 0;
        for (const auto& [table, sum] : copied) {
            total += sum.rows;
            std::printf("  %-24s %lld rows\n", table.c_str(), static_cast<long long>(sum.rows));
        }
        std::printf("copied %zu tables, %lld rows, from %s to %s; row counts and checksums "
                    "verified. %s was not changed.\n"
                    "Next: set  store = %s  in %s/engage-admin.conf (or pass --store) and start "
                    "the servers.\n",
                    copied.size(), static_cast<long long>(total), db_path.string().c_str(),
                    target_name.c_str(), db_path.string().c_str(), target_name.c_str(),
                    dir->c_str());
        return 0;
    } catch (const std::exception& e) {
        return fail(std::string(e.what()) + "; nothing was committed");
    }
}

} // namespace engage::cli
