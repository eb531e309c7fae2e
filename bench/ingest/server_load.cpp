#include "server_load.hpp"

#include "engage/protocol.hpp"
#include "support/http_client.hpp"

#include <atomic>
#include <functional>
#include <latch>
#include <thread>
#include <vector>

namespace engage::bench {
namespace {

using Clock = std::chrono::steady_clock;

struct ThreadTally {
    std::uint64_t units = 0;
    std::uint64_t requests = 0;
    std::uint64_t errors = 0;
    std::string first_error;
    Clock::time_point finished;

    void error(std::string what) {
        if (errors++ == 0) {
            first_error = std::move(what);
        }
    }
};

// One request on `c`: returns false when the connection is unusable.
using Step = std::function<bool(test::HttpConnection& c, ThreadTally& tally)>;

LoadResult run(std::uint16_t port, int connections, std::chrono::milliseconds duration,
               const std::function<Step()>& make_step) {
    std::vector<ThreadTally> tallies(static_cast<std::size_t>(connections));
    std::latch ready(connections + 1);
    std::atomic<Clock::time_point::rep> deadline_ticks{0};
    std::vector<std::thread> threads;
    threads.reserve(tallies.size());
    for (auto& tally : tallies) {
        threads.emplace_back([&, &tally = tally, step = make_step()]() mutable {
            test::HttpConnection c(port, std::chrono::seconds(30));
            ready.arrive_and_wait();
            const Clock::time_point deadline{Clock::duration{deadline_ticks.load()}};
            if (!c.is_open()) {
                tally.error("connect: " + c.error());
            }
            while (c.is_open() && Clock::now() < deadline) {
                if (!step(c, tally)) {
                    break;
                }
            }
            tally.finished = Clock::now();
        });
    }
    const auto start = Clock::now();
    deadline_ticks.store((start + duration).time_since_epoch().count());
    ready.arrive_and_wait();
    for (auto& t : threads) {
        t.join();
    }
    LoadResult result;
    Clock::time_point last = start;
    for (const auto& t : tallies) {
        result.units += t.units;
        result.requests += t.requests;
        if (t.errors > 0 && result.errors == 0) {
            result.first_error = t.first_error;
        }
        result.errors += t.errors;
        last = std::max(last, t.finished);
    }
    result.seconds = std::chrono::duration<double>(last - start).count();
    return result;
}

// Counts the accepted items of a submissions reply, read as a kiosk reads it
// (a reply it would refuse counts none).
std::uint64_t count_accepted(std::string_view body) {
    protocol::BatchResults results;
    std::string error;
    if (!protocol::read_text(body, results, error)) {
        return 0;
    }
    std::uint64_t n = 0;
    for (const auto& r : results.results) {
        n += r.status == protocol::ItemStatus::accepted ? 1 : 0;
    }
    return n;
}

} // namespace

LoadResult ingest_load(std::uint16_t port, const std::string& token, const ItemTemplate& item,
                       int connections, int batch_size, std::chrono::milliseconds duration) {
    const test::Headers headers{test::bearer(token)};
    return run(port, connections, duration, [&]() -> Step {
        return [&, ids = IdSource(), batch = BatchText(item, batch_size),
                body = std::string()](test::HttpConnection& c, ThreadTally& tally) mutable {
            batch.next(body, ids);
            const auto r = c.post(protocol::paths::submissions, body, headers);
            if (!r) {
                tally.error("request: " + c.error());
                return false;
            }
            ++tally.requests;
            const auto accepted = r->status == 200 ? count_accepted(r->body) : 0;
            tally.units += accepted;
            if (accepted != static_cast<std::uint64_t>(batch_size)) {
                tally.error("HTTP " + std::to_string(r->status) + ": " + r->body.substr(0, 200));
            }
            return true;
        };
    });
}

LoadResult content_load(std::uint16_t port, const std::string& token, const std::string& etag,
                        int connections, std::chrono::milliseconds duration) {
    const test::Headers headers{test::bearer(token), {"If-None-Match", etag}};
    return run(port, connections, duration, [&]() -> Step {
        return [&](test::HttpConnection& c, ThreadTally& tally) {
            const auto r = c.get(protocol::paths::content, headers);
            if (!r) {
                tally.error("request: " + c.error());
                return false;
            }
            ++tally.requests;
            if (r->status == 304) {
                ++tally.units;
            } else {
                tally.error("HTTP " + std::to_string(r->status));
            }
            return true;
        };
    });
}

} // namespace engage::bench
