#pragma once
// Exact submission counts read straight from a server's database file: the
// tests' own oracle. `engage-admin status` never prints a count from 1 to
// k-1 (DESIGN §6 rule 3), so a test that needs "exactly 3 arrived" reads
// the file instead of asking the operator's command.

#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <string>
#include <string_view>

namespace engage::test {

struct StoredCounts {
    std::int64_t total = 0;                                   // anonymous and sealed
    std::map<std::string, std::int64_t, std::less<>> by_form; // slug -> both kinds
    std::int64_t sealed = 0;                                  // sealed sign-ups
    std::int64_t of(std::string_view form) const;             // 0 when the form has none
};

// Opens DATA_DIR/engage.db read-only (rows still in the WAL included, so the
// server may be running). Throws std::runtime_error when it cannot be read.
//
// A folder whose engage-admin.conf names a PostgreSQL store (see
// database_for_new_servers) is read through stored_counts_on_postgresql,
// which the program running on that engine sets.
StoredCounts stored_counts(const std::filesystem::path& data_dir);
std::function<StoredCounts(const std::string& uri)>& stored_counts_on_postgresql();

} // namespace engage::test
