// bench-retention: the retention sweep (store/retention.hpp) on a database of
// many anonymous items spread over 36 months. Measures, on the store's own
// write connection as the writer uses it:
//   1. a daily sweep with nothing to delete (the usual day: a full scan),
//      median of --runs;
//   2. the first sweep after upgrading with a 24-month period: a third of
//      the rows (12 months) in one transaction, and the WAL it leaves;
//   3. the TRUNCATE checkpoint after it;
//   4. a monthly sweep (one month's rows).
// While a sweep runs the writer commits nothing else, so these are the
// pauses kiosks see (they wait for their reply, or retry on a timeout).
#include "engage/sqlite/database.hpp"
#include "store/retention.hpp"
#include "store/sqlite_store.hpp"
#include "support/temp_dir.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

using namespace engage;
using Clock = std::chrono::steady_clock;

namespace {

struct Options {
    long rows = 1'000'000;
    int runs = 5;
    std::string dir; // parent of the fresh data directory; empty: $TMPDIR or /tmp
};

bool parse_options(int argc, char** argv, Options& o) {
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        if (a == "--quick") {
            o.rows = 36'000;
            o.runs = 1;
        } else if (a == "--rows" && i + 1 < argc) {
            o.rows = std::max(36L, std::atol(argv[++i]));
        } else if (a == "--runs" && i + 1 < argc) {
            o.runs = std::max(1, std::atoi(argv[++i]));
        } else if (a == "--dir" && i + 1 < argc) {
            o.dir = argv[++i];
        } else {
            std::fputs("usage: bench-retention [--quick] [--rows N] [--runs N] [--dir PARENT]\n"
                       "  --rows N     anonymous items, spread evenly over 36 months (default "
                       "1000000)\n"
                       "  --runs N     runs of the sweep with nothing to delete (default 5)\n"
                       "  --dir PARENT where the data directory is made; put it on the disk you\n"
                       "               want to measure, not a tmpfs\n",
                       stderr);
            return false;
        }
    }
    return true;
}

double seconds_since(Clock::time_point start) {
    return std::chrono::duration<double>(Clock::now() - start).count();
}

// An item like bench-ingest's: a few choices, a scale, a yes/no and a short
// free text, about 140 bytes of answers.
Submission item(long n, const Date& date) {
    char id[64]; // room for any long, so the format cannot truncate
    std::snprintf(id, sizeof id, "0b8e6a2c-1234-4abc-8def-%012ld", n);
    const char* options[] = {"good", "ok", "bad"};
    return Submission{
        .id = std::string(id),
        .form = std::string("day-centre-feedback"),
        .version = 1,
        .date = date,
        .language = std::string("en"),
        .answers = {{"visit", Choice(options[n % 3])},
                    {"safe", Choice("yes")},
                    {"trust", ScaleValue{1 + n % 5}},
                    {"helped", MultiChoice{"food", "talk"}},
                    {"first-time", n % 2 == 0},
                    {"anything-else", FreeText{"The staff were kind and the soup was good."}}},
        .sealed = std::nullopt,
        .sealed_key_id = {}};
}

std::int64_t sweep(store::Store& s, const Date& today, int months) {
    std::int64_t deleted = 0;
    s.write([&](store::WriteTransaction& tx) { deleted = tx.sweep_retention(today, months); });
    return deleted;
}

std::uintmax_t size_of(const std::filesystem::path& p) {
    std::error_code ec;
    const auto n = std::filesystem::file_size(p, ec);
    return ec ? 0 : n;
}

int run(const Options& o) {
    const auto parent =
        o.dir.empty() ? std::filesystem::temp_directory_path() : std::filesystem::path(o.dir);
    test::TempDir dir("engage-bench-retention", parent);
    auto s = store::SqliteStore::open(dir.path());
    const Date today{2026, 11, 30};
    constexpr int months = 36;
    constexpr long per_transaction = 10'000;
    std::printf("bench-retention: %ld items over %d months (2023-12 to 2026-11) under %s\n", o.rows,
                months, parent.c_str());

    auto start = Clock::now();
    for (long first = 0; first < o.rows; first += per_transaction) {
        s->write([&](store::WriteTransaction& tx) {
            for (long n = first; n < std::min(o.rows, first + per_transaction); ++n) {
                const int back = static_cast<int>(n % months); // months before 2026-11
                const int index = 2026 * 12 + 10 - back;
                const Submission it =
                    item(n, Date{index / 12, index % 12 + 1, 1 + static_cast<int>(n % 28)});
                tx.insert_submission(it, "north-hub", today);
            }
        });
    }
    s->checkpoint();
    std::printf(
        "fill                                   %8.1f s  (%.0f items/s), database %.0f MB\n",
        seconds_since(start), static_cast<double>(o.rows) / seconds_since(start),
        static_cast<double>(size_of(dir.path() / "engage.db")) / 1e6);

    std::vector<double> noop;
    for (int r = 0; r < o.runs; ++r) {
        start = Clock::now();
        const auto deleted = sweep(*s, today, months);
        noop.push_back(seconds_since(start));
        if (deleted != 0) {
            std::fprintf(stderr, "bench-retention: a sweep with nothing to delete deleted rows\n");
            return 1;
        }
    }
    std::sort(noop.begin(), noop.end());
    std::printf("daily sweep, nothing to delete         %8.3f s  median of %d\n",
                noop[noop.size() / 2], o.runs);

    start = Clock::now();
    auto deleted = sweep(*s, today, 24);
    const double first_sweep = seconds_since(start);
    const auto wal = size_of(dir.path() / "engage.db-wal");
    std::printf("first sweep, 24 months: %8lld rows   %8.3f s  (%.0f rows/s), WAL after %.0f MB\n",
                static_cast<long long>(deleted), first_sweep,
                static_cast<double>(deleted) / first_sweep, static_cast<double>(wal) / 1e6);
    start = Clock::now();
    const bool emptied = s->checkpoint();
    std::printf("checkpoint(TRUNCATE) after it          %8.3f s  (WAL %s)\n", seconds_since(start),
                emptied ? "emptied" : "NOT emptied");

    start = Clock::now();
    deleted = sweep(*s, today, 23);
    const double monthly = seconds_since(start);
    std::printf("monthly sweep:          %8lld rows   %8.3f s, WAL after %.0f MB\n",
                static_cast<long long>(deleted), monthly,
                static_cast<double>(size_of(dir.path() / "engage.db-wal")) / 1e6);
    s->checkpoint();
    return 0;
}

} // namespace

int main(int argc, char** argv) {
    Options o;
    if (!parse_options(argc, argv, o)) {
        return 2;
    }
    try {
        return run(o);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "bench-retention: %s\n", e.what());
        return 1;
    }
}
