#include "support/stored_counts.hpp"

#include "engage/sqlite/database.hpp"
#include "engage/sqlite/error.hpp"
#include "engage/sqlite/statement.hpp"

#include <fstream>
#include <stdexcept>

namespace engage::test {

namespace {

// Read-only and no pragma changed: the server owns the file. The server may
// be committing, so wait for its lock rather than fail (5 s, as the server's
// own connections do).
constexpr sqlite::Pragmas reader_pragmas{.busy_timeout_ms = 5000};

} // namespace

std::int64_t StoredCounts::of(std::string_view form) const {
    const auto it = by_form.find(form);
    return it == by_form.end() ? 0 : it->second;
}

std::function<StoredCounts(const std::string& uri)>& stored_counts_on_postgresql() {
    static std::function<StoredCounts(const std::string& uri)> read;
    return read;
}

StoredCounts stored_counts(const std::filesystem::path& data_dir) {
    if (std::ifstream conf(data_dir / "engage-admin.conf"); conf) {
        for (std::string line; std::getline(conf, line);) {
            constexpr std::string_view key = "store = ";
            if (line.starts_with(key)) {
                if (!stored_counts_on_postgresql()) {
                    throw std::runtime_error("stored_counts: " + data_dir.string() +
                                             " is on PostgreSQL and nothing reads it");
                }
                return stored_counts_on_postgresql()(line.substr(key.size()));
            }
        }
    }
    const auto file = data_dir / "engage.db";
    try {
        auto db = sqlite::Database::open(file, sqlite::OpenMode::read_only, reader_pragmas);
        StoredCounts counts;
        for (const std::string table : {"submissions", "sealed_signups"}) {
            sqlite::Statement st(db, "SELECT form, count(*) FROM " + table + " GROUP BY form");
            while (st.step()) {
                const std::int64_t n = st.integer(1);
                counts.by_form[st.text(0)] += n;
                counts.total += n;
                if (table == "sealed_signups") {
                    counts.sealed += n;
                }
            }
        }
        return counts;
    } catch (const sqlite::Error& e) {
        throw std::runtime_error("cannot count what " + file.string() + " stores: " + e.what());
    }
}

} // namespace engage::test
