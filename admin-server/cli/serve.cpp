// engage-admin serve --data DIR [--listen HOST:PORT] [--sample]
//   [--tls-cert F --tls-key F | --insecure] [--read-timeout S]
//   [--idle-timeout S] [--max-connections N] [--threads N] [--retention-months M]
//   [--suppression-k K] [--test-mode]
#include "accounts/account_store.hpp"
#include "accounts/new_user.hpp"
#include "accounts/totp.hpp"
#include "api/kiosk_auth.hpp"
#include "api/services.hpp"
#include "cli/commands.hpp"
#include "cli/data_dir.hpp"
#include "cli/data_dir_lock.hpp"
#include "cli/passphrase_prompt.hpp"
#include "content/content_cache.hpp"
#include "engage/ids.hpp"
#include "engage/limits.hpp"
#include "http/server.hpp"
#include "log/journal_log.hpp"
#include "metrics/metrics.hpp"
#include "sample/sample_content.hpp"
#include "signups/memory_lock.hpp"
#include "signups/signup_actions.hpp"
#include "store/pg_listener.hpp"
#include "store/retention.hpp"
#include "store/retention_sweeper.hpp"
#include "store/writer.hpp"
#include "web/web_app.hpp"

#include <arpa/inet.h>
#include <cstdio>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <netinet/in.h>
#include <unistd.h>

#ifndef ENGAGE_VERSION
#error "ENGAGE_VERSION is set by admin-server/CMakeLists.txt from the project version"
#endif

namespace engage::cli {
namespace {

struct Listen {
    std::string host;
    std::uint16_t port = 0;
};

// "HOST:PORT" or "[v6]:PORT".
std::optional<Listen> parse_listen(std::string_view text) {
    const auto colon = text.rfind(':');
    if (colon == std::string_view::npos || colon == 0) {
        return std::nullopt;
    }
    std::string_view host = text.substr(0, colon);
    if (host.starts_with('[') && host.ends_with(']')) {
        host = host.substr(1, host.size() - 2);
    }
    const auto port = parse_integer(text.substr(colon + 1), 0, 65535);
    if (!port || host.empty()) {
        return std::nullopt;
    }
    return Listen{std::string(host), static_cast<std::uint16_t>(*port)};
}

bool is_loopback(const std::string& host) {
    if (host == "localhost") {
        return true;
    }
    in_addr v4{};
    if (::inet_pton(AF_INET, host.c_str(), &v4) == 1) {
        return (ntohl(v4.s_addr) >> 24) == 127;
    }
    in6_addr v6{};
    if (::inet_pton(AF_INET6, host.c_str(), &v6) == 1) {
        return IN6_IS_ADDR_LOOPBACK(&v6);
    }
    return false;
}

// Where a sample database's demo sign-in is written (owner only), so
// scripts/demo.sh can print it every time, not only on the first start.
constexpr std::string_view demo_credentials_file = "demo-credentials.txt";
// Under --test-mode only: the web app's clock (see web::WebOptions).
constexpr std::string_view test_clock_file = test_clock_file_name;

// Makes the sample database's demo user (admin and staff) with a random
// password, writes the sign-in to DIR/demo-credentials.txt and prints it.
void add_demo_user(accounts::AccountStore& accounts, const std::filesystem::path& dir) {
    const std::string password = "sample-" + random_enrol_code() + "-" + random_enrol_code();
    accounts::Roles roles;
    roles.add(accounts::Role::admin);
    roles.add(accounts::Role::staff);
    const auto made = accounts::make_user(accounts, {"demo", password, roles, true, true, {}},
                                          api::system_now_unix());
    if (!made.error.empty()) {
        std::fprintf(stderr, "engage-admin serve: no demo user: %s\n", made.error.c_str());
        return;
    }
    accounts.mark_sample_database();
    std::string text = "user: demo\npassword: " + password +
                       "\n(sample database only: the demo user may leave the code empty)\n" +
                       accounts::otpauth_uri("demo", made.totp_secret) + "\n";
    const auto path = dir / demo_credentials_file;
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd >= 0) {
        const auto n = ::write(fd, text.data(), text.size());
        ::close(fd);
        if (n != static_cast<ssize_t>(text.size())) {
            std::fprintf(stderr, "engage-admin serve: cannot write %s\n", path.c_str());
        }
    }
    std::printf("demo sign-in: user demo, password %s\n", password.c_str());
    std::fflush(stdout);
}
// How often --test-mode publishes /metrics: often enough that a test waits
// well under a second, rarely enough not to load a 2-core machine.
constexpr std::chrono::milliseconds test_mode_counter_interval{200};
// How often --test-mode runs the retention sweep, whose day is then the test
// clock's: a test moves the clock a month on and sees the sweep within a
// second, without a day's wait; rarely enough not to load a 2-core machine.
constexpr std::chrono::milliseconds test_mode_sweep_interval{500};

int usage_error(const std::string& why) {
    std::fprintf(stderr, "engage-admin serve: %s\n", why.c_str());
    return exit_usage;
}

// Serves only with a coordinators' keyring. A new folder gets one here: a
// --sample folder under the published sample passphrase, otherwise from a
// person at the terminal. A script (no terminal) is told to run init, so a
// passphrase is never made up and left somewhere. Returns an exit status.
int ensure_keyring(store::Store& store, const std::string& dir, bool sample) {
    try {
        const auto state = keyring_state(store);
        if (state == KeyringState::ready) {
            if (store.coordinator_keyring()->sample) {
                std::fprintf(stderr,
                             "note: the coordinators' key is locked under the published sample "
                             "passphrase; before real sign-ups arrive run  engage-admin "
                             "coordinator-key --data %s\n",
                             dir.c_str());
            }
            // Old keys go as soon as no stored sign-up needs them.
            auto ring = *store.coordinator_keyring();
            if (!drop_unused_box_keys(ring, store.sealed_signup_key_ids()).empty()) {
                store.replace_coordinator_keyring(ring);
            }
            return 0;
        }
        if (state == KeyringState::legacy) {
            print_keyring_fix(state, dir, "serve");
            return exit_failure;
        }
        if (sample) {
            // The cheapest argon2id level: the passphrase is published anyway.
            auto ring = make_coordinator_keyring(sample_passphrase, minimal_kdf_params());
            ring.sample = true;
            store.create_coordinator_keyring(ring); // false: another start made one first

            std::fprintf(stderr,
                         "note: a sample data folder: the coordinators' key is locked under the "
                         "published sample passphrase \"%.*s\"\n",
                         static_cast<int>(sample_passphrase.size()), sample_passphrase.data());
            return 0;
        }
    } catch (const std::exception& e) {
        std::fprintf(stderr, "engage-admin serve: %s\n", e.what());
        return exit_failure;
    }
    if (!stdin_is_terminal()) {
        print_keyring_fix(KeyringState::none, dir, "serve");
        return exit_failure;
    }
    return make_first_keyring(store, dir, "serve");
}

} // namespace

int serve(const Args& args) {
    std::string error;
    // What the config file may set: everything but --test-mode, which only
    // a command line (a test's) can give.
    const OptionSpec spec{{"data", "store", "listen", "tls-cert", "tls-key", "read-timeout",
                           "idle-timeout", "max-connections", "threads", "retention-months",
                           "public-url", "suppression-k", "trusted-proxy"},
                          {"sample", "insecure", "test-mode"}};
    OptionSpec config_spec = spec;
    config_spec.flags.erase("test-mode");
    auto options = parse_options(args, spec, error);
    if (!options) {
        return usage_error(error);
    }
    if (const auto dir = options->get("data")) {
        const auto file = std::filesystem::path(*dir) / config_file_name;
        if (std::ifstream in(file); in) {
            const std::string text((std::istreambuf_iterator<char>(in)),
                                   std::istreambuf_iterator<char>());
            if (!merge_config(text, config_spec, *options, error))
                return usage_error(file.string() + ": " + error);
        }
    }
    http::ServerConfig config;
    const auto listen = parse_listen(options->get("listen").value_or("127.0.0.1:8080"));
    if (!listen) {
        return usage_error("--listen must be HOST:PORT, e.g. 127.0.0.1:8080");
    }
    config.host = listen->host;
    config.port = listen->port;
    // Where invitation links point. Not from the Host header: a request
    // chooses that, so a link an admin copies could name another site.
    std::optional<std::string> public_url = options->get("public-url");
    if (public_url) {
        while (public_url->ends_with('/')) {
            public_url->pop_back();
        }
        const bool scheme =
            public_url->starts_with("https://") || public_url->starts_with("http://");
        if (!scheme || public_url->find_first_of(" \t\r\n\"<>?#", 0) != std::string::npos ||
            public_url->size() <= std::string_view("https://").size()) {
            return usage_error("--public-url must be like https://engage.example.org");
        }
    }
    const bool has_cert = options->has("tls-cert");
    if (has_cert != options->has("tls-key")) {
        return usage_error("--tls-cert and --tls-key go together");
    }
    if (has_cert && options->has("insecure")) {
        return usage_error("--insecure means plain HTTP; it cannot go with --tls-cert");
    }
    std::string insecure_warning;
    if (has_cert) {
        config.tls = http::TlsFiles{*options->get("tls-cert"), *options->get("tls-key")};
    } else if (!is_loopback(config.host)) {
        if (!options->has("insecure")) {
            return usage_error("refusing plain HTTP on " + config.host +
                               ", which is not a loopback address: kiosk tokens and sign-ups "
                               "would cross the network unencrypted. Use --tls-cert and "
                               "--tls-key, or --insecure if something in front of this server "
                               "provides TLS.");
        }
        // Allowed, but never silently: said at start and on /healthz, where
        // monitoring looks.
        insecure_warning = "plain HTTP on " + config.host +
                           ", which is not a loopback address (--insecure): kiosk tokens and "
                           "sign-ups are unencrypted unless something in front provides TLS";
        journal::write(journal::Priority::warning, "insecure_listen",
                       "engage-admin serve: WARNING: " + insecure_warning);
    }
    // Bounds: a timeout of 0 would drop every client; over an hour holds
    // connections for nothing.
    const auto read_timeout = parse_integer(options->get("read-timeout").value_or("10"), 1, 3600);
    const auto idle_timeout = parse_integer(options->get("idle-timeout").value_or("30"), 1, 3600);
    const auto max_conn =
        parse_integer(options->get("max-connections").value_or("256"), 1, 1000000);
    const auto threads = parse_integer(options->get("threads").value_or("2"), 1, 256);
    if (!read_timeout || !idle_timeout || !max_conn || !threads) {
        return usage_error("--read-timeout and --idle-timeout take 1 to 3600 seconds, "
                           "--max-connections and --threads a positive whole number");
    }
    namespace retention = store::retention;
    const auto retention_months = parse_integer(
        options->get("retention-months").value_or(std::to_string(retention::default_months)),
        retention::min_months, retention::max_months);
    if (!retention_months) {
        return usage_error("--retention-months takes " + std::to_string(retention::min_months) +
                           " to " + std::to_string(retention::max_months) +
                           " (months an anonymous answer is kept item by item; default " +
                           std::to_string(retention::default_months) + ")");
    }
    // The Board's small-number threshold: raised only (DESIGN §6 rule 3);
    // above 1000 no site would ever show a number.
    const auto suppression_k = parse_integer(
        options->get("suppression-k").value_or(std::to_string(limits::min_suppression_k)),
        limits::min_suppression_k, 1000);
    if (!suppression_k) {
        return usage_error("--suppression-k takes " + std::to_string(limits::min_suppression_k) +
                           " to 1000 (counts below it are hidden from the Board; it can only be "
                           "raised above the default)");
    }
    config.read_timeout = std::chrono::seconds(*read_timeout);
    config.idle_timeout = std::chrono::seconds(*idle_timeout);
    config.max_connections = static_cast<std::size_t>(*max_conn);
    config.threads = static_cast<unsigned>(*threads);
    if (const auto proxy = options->get("trusted-proxy"); proxy && !proxy->empty()) {
        const auto key = http::proxy_address_key(*proxy);
        if (!key) {
            return usage_error("--trusted-proxy takes the IP address of the reverse proxy in "
                               "front of this server, e.g. 10.0.0.5");
        }
        config.trusted_proxy = *key;
    }
    std::string test_mode_warning;
    if (options->has("test-mode")) {
        // Tests cannot wait an hour for /metrics to move. Never for real use:
        // values that move this often show single batches (issue 8).
        config.counter_interval = test_mode_counter_interval;
        test_mode_warning = "--test-mode: /metrics and the submission log are updated every " +
                            std::to_string(test_mode_counter_interval.count()) +
                            " ms, which shows single uploads; never use it with real kiosks";
        journal::write(journal::Priority::warning, "test_mode",
                       "engage-admin serve: WARNING: " + test_mode_warning);
    }

    // The coordinators' keys are held in locked memory once a coordinator
    // unlocks them; sodium_malloc would silently hand out unlocked memory if
    // mlock failed, so say now, where the operator looks, what to change
    // (each unlock checks again and is refused if locking fails then).
    if (const auto lock = signups::check_memory_lock(signups::keyring_lock_pages(1)); !lock.ok) {
        journal::write(journal::Priority::err, "memlock_unavailable",
                       "engage-admin serve: coordinators cannot unlock the sign-up key: " +
                           lock.why);
    } else if (lock.limit_bytes < signups::recommended_memlock_bytes) {
        journal::write(journal::Priority::warning, "memlock_low",
                       "engage-admin serve: RLIMIT_MEMLOCK is " + std::to_string(lock.limit_bytes) +
                           " bytes, below the 8 MiB the unit sets (LimitMEMLOCK=8M): a few "
                           "coordinators unlocking the sign-up key at once may be refused");
    }

    store::ContentSet sample;
    if (options->has("sample")) {
        // Named, so an operator (and the package test) sees which copy is used.
        const auto dir = sample::sample_dir(error);
        if (dir.empty() || !sample::load_sample_content(dir, sample, error)) {
            return usage_error("the sample content does not load: " + error);
        }
        std::fprintf(stderr, "engage-admin serve: sample content from %s\n", dir.c_str());
    }
    if (const auto dir = options->get("data"); dir && refuse_plaintext_passphrase(*dir, "serve")) {
        return exit_failure;
    }
    // Held until serve returns: restore refuses to replace the database
    // meanwhile, and a second serve on the same folder refuses to start.
    std::optional<DataDirLock> lock;
    if (const auto dir = options->get("data"); dir && !dir->empty()) {
        lock = DataDirLock::try_acquire(*dir, error);
        if (!lock) {
            std::fprintf(stderr, "engage-admin serve: %s\n", error.c_str());
            return exit_failure;
        }
    }
    const auto where = data_location(*options, "serve");
    if (!where) {
        return options->has("data") ? exit_failure : exit_usage;
    }
    auto store = open_store(*where, "serve");
    if (!store) {
        return exit_failure;
    }
    if (const int rc = ensure_keyring(*store, *options->get("data"), options->has("sample"));
        rc != 0) {
        return rc;
    }
    try {
        const std::filesystem::path dir(*options->get("data"));
        auto accounts = open_accounts(*where);
        if (options->has("sample") && store->content_empty()) {
            store->add_content(sample);
            add_demo_user(*accounts, dir);
        }
        web::WebOptions web_options;
        const auto listen_url = [&config](unsigned port) {
            return std::string(config.tls ? "https://" : "http://") +
                   (config.host.find(':') != std::string::npos ? "[" + config.host + "]"
                                                               : config.host) +
                   ":" + std::to_string(port);
        };
        web_options.public_url = public_url.value_or(listen_url(config.port));
        web_options.suppression_k = *suppression_k;
        if (options->has("test-mode")) {
            web_options.test_clock_file = dir / test_clock_file;
            std::fprintf(stderr, "engage-admin serve: TEST MODE: the web app's clock reads %s\n",
                         web_options.test_clock_file->c_str());
        }
        content::ContentCache content(store->load_content());
        // The form pages edit content on the web thread and publish into
        // this cache (issue 9).
        web_options.content = &content;
        api::KioskAuth kiosks(*store);
        // Several servers on one PostgreSQL: hear the others' content
        // changes and kiosk revocations as they commit (issue 12).
        std::optional<store::PgListener> others;
        if (where->postgresql()) {
            const auto reload = [&content, &store] { content.replace(store->load_content()); };
            others.emplace(
                where->store_uri,
                std::vector<std::string>{"engage_content", "engage_kiosk_revoked"},
                [&content, &kiosks, reload](const pg::Notification& n) {
                    if (n.channel == "engage_kiosk_revoked") {
                        kiosks.forget(n.payload);
                    } else if (n.payload != content.current()->version()) {
                        reload();
                    }
                },
                // Notifications sent while the connection was down are lost.
                [&kiosks, reload] {
                    kiosks.forget_known();
                    reload();
                });
        }
        web::WebApp web(*accounts, web_options, *store, kiosks);
        // Before the writer, which reports its commits to it until it stops.
        metrics::Registry metrics(ENGAGE_VERSION);
        store::Writer writer(*store);
        writer.observe_commits([&metrics](std::size_t jobs, std::chrono::nanoseconds took) {
            metrics.observe_commit(jobs, took);
        });
        // At start and then daily, on the writer; the log line carries no
        // count (a count of old answers is a count of people, DESIGN §6).
        // Under --test-mode the day is the web app's test clock's, and the
        // sweep runs every test_mode_sweep_interval. Sign-ups it deleted go
        // in the audit log by reference only, and old keys no sign-up needs
        // any more are destroyed (signups/signup_actions.hpp).
        const bool test_mode = options->has("test-mode");
        store::RetentionSweeper sweeper(
            writer, static_cast<int>(*retention_months),
            [&web, test_mode] {
                return test_mode ? from_days_since_epoch(static_cast<long>(web.now() / 86400))
                                 : today_utc();
            },
            [&web, &accounts, &store](const store::SweepResult& r) {
                // Sessions nobody will present again (their cookie expired
                // in the browser) would otherwise stay in the table.
                try {
                    const std::int64_t at = web.now();
                    accounts->delete_expired_sessions(at - web::session_idle_seconds,
                                                      at - web::session_absolute_seconds);
                } catch (const std::exception& e) {
                    journal::write(journal::Priority::warning, "sessions_sweep_failed",
                                   std::string("sessions: expired ones not deleted: ") + e.what());
                }
                if (r.result && !r.signups_deleted.empty()) {
                    const std::int64_t now = web.now();
                    // One entry per sign-up, naming none: the sweep took
                    // their references out of the audit log as it deleted them.
                    for (std::size_t i = 0; i < r.signups_deleted.size(); ++i) {
                        accounts->audit(now, "retention", "signup_deleted_retention");
                    }
                    try {
                        for (const auto& key : signups::destroy_unused_keys(*store)) {
                            accounts->audit(now, "retention", "coordinator_key_destroyed", key);
                        }
                    } catch (const std::exception& e) {
                        journal::write(journal::Priority::err, "retention_keys_failed",
                                       std::string("retention: old keys not destroyed: ") +
                                           e.what());
                    }
                }
                if (!r.result) {
                    journal::write(journal::Priority::err, "retention_failed",
                                   "retention: sweep failed; tried again in a day");
                } else {
                    journal::write(journal::Priority::info, "retention_swept",
                                   std::string("retention: ") +
                                       (r.deleted > 0 ? "deleted the" : "no") +
                                       " answers given before " + r.first_kept_month,
                                   {{"ENGAGE_FIRST_KEPT_MONTH", r.first_kept_month}});
                }
            },
            test_mode ? test_mode_sweep_interval : store::RetentionSweeper::default_interval);
        api::Services services{*store, writer, content, kiosks};
        services.metrics = &metrics;
        services.health_warning = insecure_warning;
        services.web = [&web](const api::Request& r) { return web.handle(r); };
        if (!test_mode_warning.empty()) {
            services.health_warning +=
                (services.health_warning.empty() ? "" : "; ") + test_mode_warning;
        }
        if (!public_url) {
            // --listen HOST:0: the invitation links need the port the bind chose.
            config.on_listening = [&web, &listen_url](unsigned short port) {
                web.set_public_url(listen_url(port));
            };
        }
        const int rc = http::run_server(config, services);
        web.lock_all_keys(); // no coordinator's key outlives the server
        sweeper.stop();
        writer.stop();
        journal::write(journal::Priority::info, "stopped",
                       "writer: " + std::to_string(writer.jobs()) + " writes committed in " +
                           std::to_string(writer.commits()) + " transactions");
        return rc;
    } catch (const std::exception& e) {
        journal::write(journal::Priority::err, "serve_failed",
                       std::string("engage-admin serve: ") + e.what());
        return exit_failure;
    }
}

} // namespace engage::cli
