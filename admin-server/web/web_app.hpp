#pragma once
// The staff web app (DESIGN §12, issue 9): everything the server answers
// that is not under /api/ and not /healthz. A synchronous handler with no
// I/O of its own (STYLE 10): the HTTP session runs it on the web thread,
// never on an I/O thread, because it reads and writes the database
// (sessions, sign-in) and hashes passwords.
//
// Thread safety: handle() may be called from any thread, but the server
// calls it from one (the web thread), which keeps sign-in's argon2id from
// running several at once on a small machine.

#include "accounts/account_store.hpp"
#include "api/http_types.hpp"
#include "api/kiosk_auth.hpp"
#include "content/content_cache.hpp"
#include "signups/unlocked_keys.hpp"
#include "store/store.hpp"
#include "web/render.hpp"

#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>

namespace engage::web {

// Session lifetimes (OWASP ASVS 3.3): idle 30 minutes, absolute 12 hours
// (a working day, so nobody signs in twice a shift, but never overnight).
inline constexpr std::int64_t session_idle_seconds = 30 * 60;
inline constexpr std::int64_t session_absolute_seconds = 12 * 60 * 60;
// last_used is written at most this often per session: a page view is then
// not always a write, and idle expiry is late by at most this much.
inline constexpr std::int64_t session_touch_seconds = 60;
// Sign-in failures allowed per window: 5 per account (ASVS 2.2.1: slows
// guessing without locking a person out for long), 20 per address (a shared
// office's NAT holds several people who mistype).
inline constexpr std::int64_t signin_window_seconds = 15 * 60;
inline constexpr std::int64_t signin_failures_per_account = 5;
inline constexpr std::int64_t signin_failures_per_address = 20;

inline constexpr std::string_view session_cookie = "__Host-engage";
inline constexpr std::string_view signin_csrf_cookie = "__Host-engage-signin";

struct WebOptions {
    // Under `serve --test-mode` only: a file holding the time (seconds since
    // the epoch) the web app uses instead of the system clock, re-read on
    // every request, so tests move time without sleeping.
    std::optional<std::filesystem::path> test_clock_file;
    // The running server's content cache, which publishing a form replaces
    // so kiosks see the new version on their next poll (the forms
    // themselves are edited in the store given to WebApp). Null (tools,
    // tests without content): the form pages answer 404.
    content::ContentCache* content = nullptr;
    // Scheme and host (and port) people reach this server at, without a
    // trailing '/', e.g. "https://engage.example.org": the start of links
    // that leave the browser, such as invitations. `serve` sets it from
    // --public-url, else from --listen. Never taken from a request's Host
    // header, which the client (or a proxy) chooses.
    std::string public_url = "http://127.0.0.1:8080";
    // The Board's small-number threshold (`serve --suppression-k`): never
    // below limits::min_suppression_k (the results raise it if asked lower).
    std::int64_t suppression_k = 5;
};

class WebApp {
public:
    // `store` and `kiosks` are the running server's (the Kiosks pages read
    // the fleet and revoke tokens through them); all must outlive this.
    WebApp(accounts::AccountStore& accounts, WebOptions options, store::Store& store,
           api::KioskAuth& kiosks);
    // Wipes every unlocked coordinators' key.
    ~WebApp();
    WebApp(const WebApp&) = delete;
    WebApp& operator=(const WebApp&) = delete;
    // Answers one request. Never throws: a store fault becomes a 500 page.
    api::Response handle(const api::Request& request);
    // The time the web app uses (the test clock under --test-mode).
    std::int64_t now() const;
    // Replaces WebOptions::public_url; only before the first request (serve
    // calls it once the port is bound, for --listen HOST:0).
    void set_public_url(std::string url) { options_.public_url = std::move(url); }
    // Wipes every coordinator's unlocked key (signups/unlocked_keys.hpp);
    // serve calls it when the server stops. Also done by the destructor.
    void lock_all_keys() { keys_->stop(); }

    struct Context; // one request as the pages see it (web_app.cpp)

private:
    api::Response handle_unchecked(const api::Request& request);

    accounts::AccountStore& accounts_;
    WebOptions options_;
    store::Store& store_;
    api::KioskAuth& kiosks_;
    // One per catalogue language asked for, made on first use (English at
    // once); only the web thread calls handle().
    std::map<std::string, std::unique_ptr<Renderer>, std::less<>> renderers_;
    // The coordinators' keys unlocked per session (issue 10); its reaper
    // thread reads now(), so it is made last and destroyed first.
    std::unique_ptr<signups::UnlockedKeys> keys_;
    const Renderer& renderer_for(std::string_view accept_language);
};

} // namespace engage::web
