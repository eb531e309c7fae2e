// bench-ingest: how fast durable ingest is through the real server, against
// raw SQLite on the same schema, and what a content 304 costs. Prints the
// median of several runs and the ratios the design targets; see
// bench/README.md. Not a test: nothing here passes or fails on timing.

#include "engage/date.hpp"
#include "engage/pg/connection.hpp"
#include "engage/protocol.hpp"
#include "item_text.hpp"
#include "raw_postgresql.hpp"
#include "raw_sqlite.hpp"
#include "server_load.hpp"
#include "support/http_client.hpp"
#include "support/kiosk_api.hpp"
#include "support/pg_cluster.hpp"
#include "support/server_process.hpp"
#include "support/temp_dir.hpp"

#include <algorithm>
#include <boost/json/serialize.hpp>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <fstream>
#include <functional>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <sys/resource.h>
#include <thread>
#include <unistd.h>
#include <vector>

namespace {

using namespace engage;
using Ms = std::chrono::milliseconds;

struct Options {
    int runs = 5;
    Ms duration{2000};
    std::filesystem::path dir; // parent of the fresh data dirs; empty: $TMPDIR or /tmp
    bool quick = false;
    std::vector<std::string> server_args; // extra `serve` arguments, e.g. --threads 4
    // "" for SQLite; "postgresql" for a private cluster under --dir; or a
    // postgresql:// URI of a database the bench may CREATE DATABASE from.
    std::string store;
    // Measurements whose label holds this text (the raw baselines always
    // run, for the ratios); empty: all of them. For profiling one of them.
    std::string only;
    // Microseconds every fsync/fdatasync takes longer (slow_fsync.cpp).
    long fsync_delay_us = 0;
};

void usage() {
    std::puts("usage: bench-ingest [--quick] [--runs N] [--seconds S] [--dir PARENT]\n"
              "                    [--server-arg ARG]...\n"
              "  --quick      one short run of each measurement (a smoke test)\n"
              "  --runs N     runs per measurement (default 5); the median is printed\n"
              "  --seconds S  duration of one run (default 2)\n"
              "  --dir PARENT where fresh data directories are made (default $TMPDIR or /tmp);\n"
              "               put it on the disk you want to measure, not a tmpfs\n"
              "  --server-arg ARG  pass ARG to `engage-admin serve` (repeat for each word),\n"
              "               e.g. --server-arg --threads --server-arg 4\n"
              "  --store postgresql | postgresql://USER@HOST/DB\n"
              "               measure on PostgreSQL: a private cluster made under --dir, or the\n"
              "               server at the URI (the bench creates and drops a database per run)\n"
              "  --only TEXT  only the measurements whose label holds TEXT (and the raw ones)\n"
              "  --fsync-delay-us N  every fsync and fdatasync, in the bench, the server and\n"
              "               PostgreSQL, takes N microseconds longer: slow storage (an SD card,\n"
              "               a disk without write cache), emulated with an LD_PRELOAD library");
}

bool parse_options(int argc, char** argv, Options& o) {
    for (int i = 1; i < argc; ++i) {
        const std::string_view a = argv[i];
        const bool has_value = i + 1 < argc;
        if (a == "--quick") {
            o.quick = true;
            o.runs = 1;
            o.duration = Ms(250);
        } else if (a == "--runs" && has_value) {
            o.runs = std::max(1, std::atoi(argv[++i]));
        } else if (a == "--seconds" && has_value) {
            o.duration = Ms(std::max(1L, static_cast<long>(std::atof(argv[++i]) * 1000)));
        } else if (a == "--dir" && has_value) {
            o.dir = argv[++i];
        } else if (a == "--store" && has_value) {
            o.store = argv[++i];
            if (o.store != "postgresql" && !o.store.starts_with("postgresql://") &&
                !o.store.starts_with("postgres://")) {
                usage();
                return false;
            }
        } else if (a == "--fsync-delay-us" && has_value) {
            o.fsync_delay_us = std::max(0L, std::atol(argv[++i]));
        } else if (a == "--only" && has_value) {
            o.only = argv[++i];
        } else if (a == "--server-arg" && has_value) {
            o.server_args.emplace_back(argv[++i]);
        } else {
            usage();
            return false;
        }
    }
    return true;
}

test::TempDir fresh_dir(const Options& o) {
    return o.dir.empty() ? test::TempDir("engage-bench") : test::TempDir("engage-bench", o.dir);
}

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    const auto n = v.size();
    return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

// Fresh PostgreSQL databases, one per run: on a private cluster, or on the
// server --store names (made with CREATE DATABASE, dropped after the run).
class Databases {
public:
    explicit Databases(const Options& o) : uri_(o.store) {
        if (uri_ == "postgresql") {
            cluster_.emplace();
        }
    }
    bool on_postgresql() const { return !uri_.empty(); }
    std::string fresh() {
        if (cluster_) {
            return cluster_->create_database("bench");
        }
        const std::string name =
            "engage_bench_" + std::to_string(::getpid()) + "_" + std::to_string(++made_);
        auto admin = pg::Connection::open(uri_);
        admin.exec("CREATE DATABASE " + pg::quote_identifier(name));
        made_names_.push_back(name);
        return with_database(uri_, name);
    }
    ~Databases() {
        if (cluster_ || made_names_.empty()) {
            return;
        }
        try {
            auto admin = pg::Connection::open(uri_);
            for (const auto& name : made_names_) {
                admin.exec("DROP DATABASE IF EXISTS " + pg::quote_identifier(name) +
                           " WITH (FORCE)");
            }
        } catch (const std::exception& e) {
            std::fprintf(stderr, "bench-ingest: could not drop the bench databases: %s\n",
                         e.what());
        }
    }

private:
    // `uri` with its database (the path after the host) replaced by `name`.
    static std::string with_database(const std::string& uri, const std::string& name) {
        const auto scheme = uri.find("://");
        const auto slash = uri.find('/', scheme + 3);
        const auto query = uri.find('?', scheme + 3);
        if (slash == std::string::npos || (query != std::string::npos && slash > query)) {
            return uri.substr(0, query) + "/" + name +
                   (query == std::string::npos ? "" : uri.substr(query));
        }
        const auto end = query == std::string::npos ? uri.size() : query;
        return uri.substr(0, slash + 1) + name + uri.substr(end);
    }
    std::string uri_;
    std::optional<test::PgCluster> cluster_;
    int made_ = 0;
    std::vector<std::string> made_names_;
};

Databases* databases = nullptr; // set by run_bench when measuring PostgreSQL

// A data dir for one server; on PostgreSQL its engage-admin.conf names
// `database`.
test::TempDir data_dir_for(const Options& o, const std::string& database) {
    auto dir = fresh_dir(o);
    if (!database.empty()) {
        std::ofstream(dir / "engage-admin.conf") << "store = " << database << "\n";
    }
    return dir;
}

// A server on a fresh data dir (and, on PostgreSQL, a fresh database) with
// one enrolled kiosk, for one run.
struct FreshServer {
    std::string database;
    test::TempDir data;
    test::ServerProcess server;
    test::Kiosk kiosk;
    explicit FreshServer(const Options& o)
        : database(databases ? databases->fresh() : std::string()), data(data_dir_for(o, database)),
          server(data.path(), {.extra_args = o.server_args}),
          kiosk(test::enrol_kiosk(server.port(), data.path(), "bench-site")) {}
};

// A second server on the first one's database (issue 12: several stateless
// servers on one PostgreSQL).
struct SecondServer {
    test::TempDir data;
    test::ServerProcess server;
    SecondServer(const Options& o, const FreshServer& first)
        : data(data_dir_for(o, first.database)),
          server(data.path(), {.extra_args = o.server_args}) {}
};

struct Measurement {
    std::string label;
    std::string unit; // "items/s" or "requests/s"
    std::vector<double> rates;
    std::vector<double> client_cores;
    std::vector<double> server_cores;
    std::uint64_t errors = 0;
    std::string first_error;
    double median_rate() const { return median(rates); }
};

// CPU seconds (user + system) this process has used.
double own_cpu_seconds() {
    rusage u{};
    ::getrusage(RUSAGE_SELF, &u);
    auto secs = [](const timeval& t) {
        return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) / 1e6;
    };
    return secs(u.ru_utime) + secs(u.ru_stime);
}

// CPU seconds (user + system) process `pid` has used, from /proc; 0 if unknown.
double process_cpu_seconds(pid_t pid) {
    std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
    std::string stat((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    // Fields after the command name (which may hold spaces) start at field 3;
    // utime and stime are fields 14 and 15, in clock ticks.
    const auto close = stat.rfind(')');
    if (close == std::string::npos) {
        return 0;
    }
    std::istringstream fields(stat.substr(close + 1));
    std::string field;
    double ticks = 0;
    for (int i = 3; i <= 15 && fields >> field; ++i) {
        if (i >= 14) {
            ticks += std::atof(field.c_str());
        }
    }
    return ticks / static_cast<double>(::sysconf(_SC_CLK_TCK));
}

void print(const Measurement& m) {
    std::string runs;
    for (double r : m.rates) {
        if (!runs.empty()) {
            runs += ' ';
        }
        runs += std::to_string(static_cast<long long>(r));
    }
    std::printf("%-42s median %7.0f %-10s cpu cores: client %.2f server %.2f  (runs: %s)\n",
                m.label.c_str(), m.median_rate(), m.unit.c_str(), median(m.client_cores),
                median(m.server_cores), runs.c_str());
    if (m.errors > 0) {
        std::printf("  WARNING: %llu errors, first: %s\n",
                    static_cast<unsigned long long>(m.errors), m.first_error.c_str());
    }
    std::fflush(stdout);
}

// One measurement: a label and how to take one run of it.
struct Plan {
    std::string label;
    std::string unit;
    std::function<bench::LoadResult()> once;
};

// Takes every plan's runs interleaved (run 1 of each, then run 2 of each, ...)
// so that a change in background load on a shared machine falls on all
// measurements alike instead of on whichever ran at that moment.
std::vector<Measurement> measure_all(const Options& o, const std::vector<Plan>& plans) {
    std::vector<Measurement> out;
    for (const auto& p : plans) {
        out.push_back(Measurement{p.label, p.unit, {}, {}, {}, 0, {}});
    }
    for (int run = 0; run < o.runs; ++run) {
        for (std::size_t i = 0; i < plans.size(); ++i) {
            const auto r = plans[i].once();
            out[i].rates.push_back(r.rate());
            out[i].client_cores.push_back(r.client_cores);
            out[i].server_cores.push_back(r.server_cores);
            if (r.errors > 0 && out[i].errors == 0) {
                out[i].first_error = r.first_error;
            }
            out[i].errors += r.errors;
        }
        std::fprintf(stderr, "run %d of %d done\n", run + 1, o.runs);
    }
    for (const auto& m : out) {
        print(m);
    }
    return out;
}

// Runs `load` against `s` and adds the CPU both sides used during it: on two
// shared cores this shows whether the server or the client is the limit.
template <typename Load>
bench::LoadResult with_cpu(const FreshServer& s, Load&& load) {
    const double client_before = own_cpu_seconds();
    const double server_before = process_cpu_seconds(s.server.pid());
    auto r = load();
    if (r.seconds > 0) {
        r.client_cores = (own_cpu_seconds() - client_before) / r.seconds;
        r.server_cores = (process_cpu_seconds(s.server.pid()) - server_before) / r.seconds;
    }
    return r;
}

// What the probe learns from the sample content: the feedback form's items.
struct Workload {
    std::string slug;
    std::int64_t version = 1;
    std::string date;
    std::string answers_json;
};

Workload probe(const Options& o) {
    FreshServer s(o);
    const auto bundle = test::fetch_content(s.server.port(), s.kiosk.token);
    const auto& form = test::form_of_kind(bundle, FormKind::feedback);
    return Workload{form.slug, form.version, to_string(today_utc()),
                    boost::json::serialize(test::valid_answers(form))};
}

std::string etag_of_content(std::uint16_t port, const std::string& token) {
    test::HttpConnection c(port);
    const auto r = c.get(protocol::paths::content, {test::bearer(token)});
    if (!r || r->status != 200 || !r->header("ETag")) {
        throw std::runtime_error("content: no 200 with an ETag");
    }
    return *r->header("ETag");
}

int run_bench(const Options& o) {
    std::optional<Databases> pg_databases;
    if (!o.store.empty()) {
        pg_databases.emplace(o);
        databases = &*pg_databases;
    }
    if (o.fsync_delay_us > 0) {
        std::printf("storage: every fsync and fdatasync takes %ld us longer (emulated, "
                    "--fsync-delay-us)\n",
                    o.fsync_delay_us);
    }
    std::printf("bench-ingest: %d run(s) of %.2f s per measurement, fresh data dir each run "
                "under %s, %u CPUs\n",
                o.runs, static_cast<double>(o.duration.count()) / 1000,
                o.dir.empty() ? "$TMPDIR or /tmp" : o.dir.c_str(),
                std::thread::hardware_concurrency());
    if (!o.server_args.empty()) {
        std::string args;
        for (const auto& a : o.server_args) {
            args += ' ';
            args += a;
        }
        std::printf("server arguments:%s\n", args.c_str());
    }
    const auto w = probe(o);
    const bench::ItemTemplate item(w.slug, w.version, w.date, w.answers_json);
    std::printf("items: form %s v%lld, %zu bytes of answers each\n", w.slug.c_str(),
                static_cast<long long>(w.version), w.answers_json.size());
    std::fflush(stdout);

    const bench::RawRow row{w.slug, w.version, "bench-site", w.date, "en", w.answers_json};
    const std::string engine = databases ? "postgresql" : "sqlite";
    auto raw = [&](int per_txn) {
        return [&o, &row, per_txn] {
            bench::LoadResult r;
            r.seconds = 1;
            const double cpu_before = own_cpu_seconds();
            if (databases) {
                r.units = static_cast<std::uint64_t>(
                    bench::raw_pg_insert_rate(databases->fresh(), row, per_txn, o.duration));
            } else {
                const auto dir = fresh_dir(o);
                r.units = static_cast<std::uint64_t>(
                    bench::raw_insert_rate(dir.path(), row, per_txn, o.duration));
            }
            r.client_cores =
                (own_cpu_seconds() - cpu_before) / (static_cast<double>(o.duration.count()) / 1000);
            return r;
        };
    };
    auto ingest = [&](int connections, int batch) {
        return [&o, &item, connections, batch] {
            FreshServer s(o);
            return with_cpu(s, [&] {
                return bench::ingest_load(s.server.port(), s.kiosk.token, item, connections, batch,
                                          o.duration);
            });
        };
    };
    // Two servers on one database, half the connections each.
    auto ingest_two = [&](int connections, int batch) {
        return [&o, &item, connections, batch] {
            FreshServer s(o);
            SecondServer t(o, s);
            const double client_before = own_cpu_seconds();
            const double servers_before =
                process_cpu_seconds(s.server.pid()) + process_cpu_seconds(t.server.pid());
            bench::LoadResult a;
            bench::LoadResult b;
            std::thread other([&] {
                b = bench::ingest_load(t.server.port(), s.kiosk.token, item, connections / 2, batch,
                                       o.duration);
            });
            a = bench::ingest_load(s.server.port(), s.kiosk.token, item, connections / 2, batch,
                                   o.duration);
            other.join();
            bench::LoadResult r = a;
            r.units += b.units;
            r.requests += b.requests;
            r.errors += b.errors;
            if (r.first_error.empty()) {
                r.first_error = b.first_error;
            }
            r.seconds = std::max(a.seconds, b.seconds);
            if (r.seconds > 0) {
                r.client_cores = (own_cpu_seconds() - client_before) / r.seconds;
                r.server_cores = (process_cpu_seconds(s.server.pid()) +
                                  process_cpu_seconds(t.server.pid()) - servers_before) /
                                 r.seconds;
            }
            return r;
        };
    };
    const std::vector<int> single_connections{16, 32, 64};
    std::vector<Plan> plans{{"raw " + engine + ", 100 rows per transaction", "items/s", raw(100)},
                            {"raw " + engine + ", 1 row per commit", "items/s", raw(1)},
                            {"server, batches of 100, 16 connections", "items/s", ingest(16, 100)}};
    for (int connections : single_connections) {
        plans.push_back({"server, batches of 1, " + std::to_string(connections) + " connections",
                         "items/s", ingest(connections, 1)});
    }
    if (databases) {
        plans.push_back(
            {"two servers, batches of 100, 16 connections", "items/s", ingest_two(16, 100)});
        plans.push_back(
            {"two servers, batches of 1, 16 connections", "items/s", ingest_two(16, 1)});
    }
    plans.push_back({"server, GET content 304, 16 connections", "requests/s", [&o] {
                         FreshServer s(o);
                         const auto etag = etag_of_content(s.server.port(), s.kiosk.token);
                         return with_cpu(s, [&] {
                             return bench::content_load(s.server.port(), s.kiosk.token, etag, 16,
                                                        o.duration);
                         });
                     }});
    if (!o.only.empty()) {
        std::erase_if(plans, [&o](const Plan& p) {
            return !p.label.starts_with("raw ") && p.label.find(o.only) == std::string::npos;
        });
    }
    const auto m = measure_all(o, plans);
    // The median of the measurement labelled `label`; 0 when --only left it out.
    const auto rate = [&m](const std::string& label) {
        const auto it = std::find_if(m.begin(), m.end(),
                                     [&label](const Measurement& x) { return x.label == label; });
        return it == m.end() ? 0.0 : it->median_rate();
    };
    const auto ratio = [](const char* what, double a, double b, const char* target) {
        if (a > 0 && b > 0) {
            std::printf("%s: %.2f%s\n", what, a / b, target);
        }
    };
    const double raw_batched = rate("raw " + engine + ", 100 rows per transaction");
    const double raw_single = rate("raw " + engine + ", 1 row per commit");
    const double batched = rate("server, batches of 100, 16 connections");
    const double single16 = rate("server, batches of 1, 16 connections");
    std::printf("engine: %s\n", engine.c_str());
    ratio("ratio batched server / raw batched", batched, raw_batched, " (target >= 0.6)");
    for (int connections : single_connections) {
        const std::string what = "ratio single-item server (" + std::to_string(connections) +
                                 " connections) / raw one-row-per-commit";
        ratio(what.c_str(),
              rate("server, batches of 1, " + std::to_string(connections) + " connections"),
              raw_single, " (target >= 3)");
    }
    if (databases) {
        // On two shared cores this measures contention more than scale.
        ratio("ratio two servers / one server, batches of 100",
              rate("two servers, batches of 100, 16 connections"), batched, "");
        ratio("ratio two servers / one server, batches of 1 (16 connections)",
              rate("two servers, batches of 1, 16 connections"), single16, "");
    }
    return 0;
}

} // namespace

// Starts this program again with the slow-fsync library preloaded, so that
// it, the servers it starts and their PostgreSQL all have slow storage.
// Returns only when that failed.
int exec_with_slow_fsync(char** argv, long delay_us) {
    const std::string us = std::to_string(delay_us);
    ::setenv("ENGAGE_SLOW_FSYNC_US", us.c_str(), 1);
    ::setenv("LD_PRELOAD", ENGAGE_SLOW_FSYNC_LIB, 1);
    ::execv("/proc/self/exe", argv);
    std::perror("bench-ingest: exec with the slow-fsync library");
    return 1;
}

int main(int argc, char** argv) {
    Options o;
    if (!parse_options(argc, argv, o)) {
        return 2;
    }
    if (o.fsync_delay_us > 0 && std::getenv("ENGAGE_SLOW_FSYNC_US") == nullptr) {
        return exec_with_slow_fsync(argv, o.fsync_delay_us);
    }
    try {
        return run_bench(o);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "bench-ingest: %s\n", e.what());
        return 1;
    }
}
