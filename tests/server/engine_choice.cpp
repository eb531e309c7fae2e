// Which engine engage_server_tests' servers store on: SQLite in DIR (the
// default), or, with ENGAGE_TEST_STORE=postgresql in the environment, a
// fresh database per server on this program's private cluster (issue 12:
// the API contract, limits and abuse tests run on both engines; CMake
// registers them twice). Set before main() so every TestServer sees it.

#include "engage/pg/connection.hpp"
#include "support/pg_cluster.hpp"
#include "support/server_process.hpp"
#include "support/stored_counts.hpp"

#include <cstdlib>
#include <string_view>

namespace {

bool choose_engine() {
    const char* engine = std::getenv("ENGAGE_TEST_STORE");
    if (!engine || std::string_view(engine) != "postgresql") {
        return false;
    }
    engage::test::database_for_new_servers() = [] {
        return engage::test::PgCluster::shared().create_database("api");
    };
    engage::test::stored_counts_on_postgresql() = [](const std::string& uri) {
        auto c = engage::pg::Connection::open(uri);
        engage::test::StoredCounts counts;
        for (const std::string table : {"submissions", "sealed_signups"}) {
            const auto r = c.query("SELECT form, count(*) FROM " + table + " GROUP BY form");
            for (int i = 0; i < r.rows(); ++i) {
                const auto n = r.integer(i, 1);
                counts.by_form[r.string(i, 0)] += n;
                counts.total += n;
                if (table == "sealed_signups") {
                    counts.sealed += n;
                }
            }
        }
        return counts;
    };
    return true;
}

[[maybe_unused]] const bool on_postgresql = choose_engine();

} // namespace
