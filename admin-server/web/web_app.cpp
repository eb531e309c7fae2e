// The web app's front door: security headers on every answer, the session
// from its cookie (idle and absolute expiry), the role each page needs, and
// the CSRF token on every POST, before any page runs.
#include "web/web_app.hpp"

#include "api/services.hpp"
#include "engage/ids.hpp"
#include "log/journal_log.hpp"
#include "web/pages.hpp"

#include <array>
#include <cstdio>
#include <fstream>

namespace engage::web {
namespace {

enum class Access {
    anyone,    // signed out too (sign-in, the style sheet)
    signed_in, // any role
    admin,
    staff,       // forms and content
    drafter,     // staff, or board members drafting polls (the page checks the kind)
    content,     // staff or admins: the help directory and "you said, we did"
    results,     // board, staff and admin: never a coordinator alone (issue 10)
    board,       // board members only: recording decisions and their updates
    coordinator, // peer-mentor sign-ups: coordinators only, admins included out (issue 10)
};

// Which roles open a page of each access: any one of them will do; none
// listed, no role is needed. One row per Access, in its order (held by the
// static_assert below), so a new Access cannot be left without a rule.
struct AccessRule {
    Access access;
    std::array<accounts::Role, 3> roles;
    std::size_t count;
};
using accounts::Role;
constexpr std::array<AccessRule, 9> access_rules{{
    {Access::anyone, {}, 0},
    {Access::signed_in, {}, 0},
    {Access::admin, {Role::admin}, 1},
    {Access::staff, {Role::staff}, 1},
    {Access::drafter, {Role::staff, Role::board}, 2},
    {Access::content, {Role::staff, Role::admin}, 2},
    {Access::results, {Role::board, Role::staff, Role::admin}, 3},
    {Access::board, {Role::board}, 1},
    {Access::coordinator, {Role::coordinator}, 1},
}};
constexpr bool one_rule_per_access_in_order() {
    for (std::size_t i = 0; i < access_rules.size(); ++i) {
        if (static_cast<std::size_t>(access_rules[i].access) != i) {
            return false;
        }
    }
    return access_rules.size() == static_cast<std::size_t>(Access::coordinator) + 1;
}
static_assert(one_rule_per_access_in_order(), "access_rules: one row per Access, in its order");

// True when someone holding `roles` may open a page of `access`.
bool allows(Access access, const accounts::Roles& roles) {
    const AccessRule& rule = access_rules[static_cast<std::size_t>(access)];
    if (rule.count == 0) {
        return true;
    }
    for (std::size_t i = 0; i < rule.count; ++i) {
        if (roles.has(rule.roles[i])) {
            return true;
        }
    }
    return false;
}

struct Route {
    std::string_view method;
    std::string_view path;
    Access access;
    api::Response (*handler)(Context&);
};

// Every page. GET never changes state; every POST carries the CSRF token.
// A path segment written "{}" matches one segment of the request's path
// (never empty, never with '/'), handed to the page as Context::path_param.
constexpr std::array<Route, 84> routes{{
    {"GET", "/login", Access::anyone, sign_in_form},
    {"POST", "/login", Access::anyone, sign_in},
    {"POST", "/logout", Access::signed_in, sign_out},
    {"GET", "/", Access::signed_in, home},
    {"GET", "/users", Access::admin, users},
    {"POST", "/users/end-sessions", Access::admin, end_sessions},
    {"POST", "/users/disable", Access::admin, disable_user},
    {"GET", "/audit", Access::admin, audit_log},
    {"POST", "/users/invite", Access::admin, make_invitation},
    {"GET", "/invite", Access::anyone, invite},
    {"POST", "/invite", Access::anyone, accept_invitation},
    {"GET", "/kiosks", Access::admin, kiosks},
    {"POST", "/kiosks/enrol", Access::admin, make_enrol_code},
    {"GET", "/kiosks/revoke", Access::admin, confirm_revoke},
    {"POST", "/kiosks/revoke", Access::admin, revoke_kiosk},
    {"GET", "/sites", Access::admin, sites_list},
    {"GET", "/sites/new", Access::admin, new_site_form},
    {"POST", "/sites/new", Access::admin, create_site},
    {"GET", "/sites/{}", Access::admin, edit_site},
    {"POST", "/sites/{}", Access::admin, save_site},
    {"GET", "/forms", Access::drafter, forms_list},
    {"POST", "/forms/new", Access::drafter, new_form},
    {"GET", "/forms/{}", Access::drafter, edit_form},
    {"POST", "/forms/{}", Access::drafter, save_form},
    {"POST", "/forms/{}/publish", Access::staff, publish_form},
    {"POST", "/forms/{}/close", Access::staff, close_form},
    {"GET", "/forms/{}/preview", Access::drafter, preview_form},
    {"GET", "/forms/{}/translations", Access::drafter, form_translations},
    {"POST", "/forms/{}/translations", Access::drafter, save_form_translations},
    {"GET", "/help", Access::content, help_list},
    {"GET", "/help/new", Access::content, help_new},
    {"POST", "/help/new", Access::content, help_add},
    {"POST", "/help/move", Access::content, help_move},
    {"GET", "/help/{}", Access::content, help_edit},
    {"POST", "/help/{}", Access::content, help_save},
    {"GET", "/help/{}/delete", Access::content, help_confirm_delete},
    {"POST", "/help/{}/delete", Access::content, help_delete},
    {"GET", "/help/{}/translations", Access::content, help_translations},
    {"POST", "/help/{}/translations", Access::content, help_save_translations},
    {"GET", "/you-said-we-did", Access::content, you_said_list},
    {"GET", "/you-said-we-did/new", Access::content, you_said_new},
    {"POST", "/you-said-we-did/new", Access::content, you_said_add},
    {"POST", "/you-said-we-did/move", Access::content, you_said_move},
    {"GET", "/you-said-we-did/{}", Access::content, you_said_edit},
    {"POST", "/you-said-we-did/{}", Access::content, you_said_save},
    {"GET", "/you-said-we-did/{}/delete", Access::content, you_said_confirm_delete},
    {"POST", "/you-said-we-did/{}/delete", Access::content, you_said_delete},
    {"GET", "/you-said-we-did/{}/translations", Access::content, you_said_translations},
    {"POST", "/you-said-we-did/{}/translations", Access::content, you_said_save_translations},
    {"GET", "/results", Access::results, results_list},
    {"GET", "/results/hearing-from", Access::results, hearing_from},
    {"GET", "/results/{}", Access::results, form_results},
    {"GET", "/results/{}/export", Access::results, export_results},
    {"GET", "/reports", Access::results, reports_list},
    {"GET", "/reports/{}", Access::results, quarter_report},
    {"GET", "/decisions", Access::results, decisions_list},
    {"GET", "/decisions/new", Access::board, decision_new},
    {"POST", "/decisions/new", Access::board, decision_add},
    {"GET", "/decisions/{}", Access::results, decision_page},
    {"POST", "/decisions/{}/update", Access::board, decision_update},
    {"GET", "/decisions/{}/edit", Access::results, decision_edit},
    {"POST", "/decisions/{}/edit", Access::results, decision_save},
    {"POST", "/decisions/{}/kiosk", Access::results, decision_kiosk},
    {"GET", "/signups", Access::coordinator, signups_list},
    {"POST", "/signups/unlock", Access::coordinator, signups_unlock},
    {"POST", "/signups/lock", Access::coordinator, signups_lock},
    {"GET", "/signups/key", Access::coordinator, signup_key},
    {"POST", "/signups/key/passphrase", Access::coordinator, signup_passphrase},
    {"POST", "/signups/key/rotate", Access::coordinator, signup_rotate},
    {"GET", "/signups/{}", Access::coordinator, signup_open},
    {"POST", "/signups/{}/contacted", Access::coordinator, signup_contacted},
    {"POST", "/signups/{}/handled", Access::coordinator, signup_handled},
    {"POST", "/signups/{}/delete", Access::coordinator, signup_delete},
    {"GET", "/settings/signups", Access::admin, signup_settings},
    {"POST", "/settings/signups", Access::admin, save_signup_settings},
    {"GET", "/moderation", Access::staff, moderation_queue},
    {"GET", "/moderation/{}", Access::staff, moderation_comment},
    {"POST", "/moderation/{}", Access::staff, moderation_edit},
    {"POST", "/moderation/{}/approve", Access::staff, moderation_approve},
    {"POST", "/moderation/{}/reject", Access::staff, moderation_reject},
    {"POST", "/moderation/{}/flag", Access::staff, moderation_flag},
    {"POST", "/moderation/{}/respond", Access::staff, moderation_respond},
    {"GET", "/safeguarding", Access::staff, safeguarding},
    {"GET", "/results/{}/about-you", Access::results, form_about_you},
}};

// True when `path` matches `pattern`; the "{}" segment's text goes to `param`.
bool path_matches(std::string_view pattern, std::string_view path, std::string& param) {
    const auto hole = pattern.find("{}");
    if (hole == std::string_view::npos) {
        return pattern == path;
    }
    const std::string_view before = pattern.substr(0, hole);
    const std::string_view after = pattern.substr(hole + 2);
    if (path.size() <= before.size() + after.size() || !path.starts_with(before) ||
        !path.ends_with(after)) {
        return false;
    }
    const std::string_view segment =
        path.substr(before.size(), path.size() - before.size() - after.size());
    if (segment.find('/') != std::string_view::npos) {
        return false;
    }
    param = std::string(segment);
    return true;
}

// The strict policy of issue 9: nothing from anywhere but this site, no
// scripts at all, no framing, forms post only here.
constexpr std::string_view content_security_policy =
    "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; "
    "frame-ancestors 'none'; base-uri 'none'";

void add_security_headers(api::Response& r, bool tls, bool no_store) {
    r.headers.emplace_back("Content-Security-Policy", content_security_policy);
    r.headers.emplace_back("X-Content-Type-Options", "nosniff");
    r.headers.emplace_back("Referrer-Policy", "no-referrer");
    if (tls) {
        // A year, the usual value; only sent over TLS (RFC 6797 §7.2).
        r.headers.emplace_back("Strict-Transport-Security", "max-age=31536000");
    }
    if (no_store) {
        r.headers.emplace_back("Cache-Control", "no-store");
    }
}

} // namespace

std::string session_cookie_header(std::string_view name, std::string_view value, bool expire) {
    std::string h = std::string(name) + "=" + std::string(value) +
                    "; Secure; HttpOnly; SameSite=Strict; Path=/";
    if (expire) {
        h += "; Max-Age=0";
    }
    return h;
}

api::Response Context::page(int status, std::string_view name, std::string_view title_key,
                            const View& view) const {
    Frame frame;
    frame.title = renderer.word(title_key);
    frame.current = path;
    if (user) {
        frame.user = user->name;
        frame.csrf = csrf;
        const std::string roles = user->roles.to_string();
        std::size_t start = 0;
        while (start <= roles.size()) {
            const auto comma = roles.find(',', start);
            frame.roles.push_back(roles.substr(start, comma - start));
            if (comma == std::string::npos) {
                break;
            }
            start = comma + 1;
        }
        frame.demo_banner = user->demo && sample_database;
        // Staff see open safeguarding concerns on every page until someone
        // records the service's response (issue 10).
        if (user->roles.has(accounts::Role::staff)) {
            frame.safeguarding = concern_banner(renderer, store.comments().open_concern_count());
        }
    }
    api::Response r;
    r.status = status;
    r.content_type = "text/html; charset=utf-8";
    r.body = renderer.page(name, view, frame);
    return r;
}

api::Response Context::redirect(std::string location) const {
    api::Response r;
    r.status = 303;
    r.content_type = "text/plain; charset=utf-8";
    r.headers.emplace_back("Location", std::move(location));
    return r;
}

api::Response Context::message(int status, std::string_view title_key,
                               std::string_view message_key) const {
    View v;
    v.set("message", renderer.word(message_key));
    return page(status, "message", title_key, v);
}

WebApp::WebApp(accounts::AccountStore& accounts, WebOptions options, store::Store& store,
               api::KioskAuth& kiosks)
    : accounts_(accounts), options_(std::move(options)), store_(store), kiosks_(kiosks) {
    renderers_.emplace("en", std::make_unique<Renderer>("en"));
    keys_ = std::make_unique<signups::UnlockedKeys>(
        [this] { return now(); }, signups::UnlockedKeys::default_reap_interval,
        [this](std::string_view session) { return accounts_.find_session(session).has_value(); });
}

WebApp::~WebApp() = default;

const Renderer& WebApp::renderer_for(std::string_view accept_language) {
    const std::string language = Renderer::choose_language(accept_language);
    auto it = renderers_.find(language);
    if (it == renderers_.end()) {
        it = renderers_.emplace(language, std::make_unique<Renderer>(language)).first;
    }
    return *it->second;
}

std::int64_t WebApp::now() const {
    if (options_.test_clock_file) {
        std::ifstream in(*options_.test_clock_file);
        std::int64_t t = 0;
        if (in >> t) {
            return t;
        }
    }
    return api::system_now_unix();
}

api::Response WebApp::handle(const api::Request& request) {
    api::Response r;
    try {
        r = handle_unchecked(request);
    } catch (const std::exception& e) {
        // A store fault; the message names SQLite's error, never a password or token.
        journal::write(journal::Priority::err, "web_request_failed",
                       std::string("web request failed: ") + e.what());
        r = api::Response{};
        r.status = 500;
        r.content_type = "text/plain; charset=utf-8";
        r.body = "Something went wrong on the server. Please try again in a minute.";
    }
    // Every HTML page holds a CSRF token or personal data: never stored.
    // Only the style sheet may be cached.
    const bool cacheable = r.status == 200 && r.content_type.starts_with("text/css");
    add_security_headers(r, request.tls, !cacheable);
    return r;
}

api::Response WebApp::handle_unchecked(const api::Request& request) {
    const std::string_view target = request.target;
    const auto q = target.find('?');
    // Words in the browser's language where a catalogue has them (English per missing key).
    Context c(request, accounts_, renderer_for(request.accept_language), store_, kiosks_);
    c.now = now();
    c.path = std::string(target.substr(0, q));
    if (q != std::string_view::npos) {
        c.query = parse_urlencoded(target.substr(q + 1));
    }
    const bool get = request.method == "GET" || request.method == "HEAD";

    if (c.path == "/static/engage.css") {
        if (!get) {
            api::Response r = c.message(405, "title_error", "error_method");
            r.headers.emplace_back("Allow", "GET, HEAD");
            return r;
        }
        api::Response css;
        css.content_type = "text/css; charset=utf-8";
        css.body = std::string(Renderer::static_file("engage.css"));
        css.headers.emplace_back("Cache-Control", "public, max-age=3600");
        return css;
    }

    // The session, if its cookie names a live one.
    if (const auto id = cookie_value(request.cookie, session_cookie); id && !id->empty()) {
        const std::string hash = hash_secret(*id);
        if (auto s = accounts_.find_session(hash)) {
            const bool idle = c.now - s->last_used > session_idle_seconds;
            const bool old = c.now - s->created > session_absolute_seconds;
            auto u = accounts_.find_user(s->user);
            if (idle || old || !u || u->disabled) {
                accounts_.delete_session(hash);
                keys_->forget(hash);
            } else {
                if (c.now - s->last_used >= session_touch_seconds) {
                    accounts_.touch_session(hash, c.now);
                }
                c.user = std::move(u);
                c.session_hash = hash;
                c.csrf = s->csrf;
            }
        }
    }
    c.sample_database = c.user && c.user->demo && accounts_.is_sample_database();
    // Coordinators' keys go with their session however it ended (an admin
    // ended it, the user was disabled, it expired) and after their own idle
    // time; the reaper thread wipes idle ones between requests too.
    if (keys_->held() > 0) {
        keys_->expire(c.now, [this](std::string_view session) {
            return accounts_.find_session(session).has_value();
        });
    }
    c.keys = keys_.get();

    c.content = options_.content;
    c.public_url = options_.public_url;
    c.suppression_k = options_.suppression_k;
    const Route* route = nullptr;
    bool path_known = false;
    // An exact path wins over a pattern ("/forms/new" is not a form's slug).
    std::string param;
    bool exact = false;
    for (const auto& r : routes) {
        exact = exact || r.path == c.path;
    }
    for (const auto& r : routes) {
        const bool is_pattern = r.path.find("{}") != std::string_view::npos;
        if ((exact && is_pattern) || !path_matches(r.path, c.path, param)) {
            continue;
        }
        path_known = true;
        c.path_param = param;
        if (r.method == request.method || (r.method == "GET" && request.method == "HEAD")) {
            route = &r;
        }
    }
    if (!path_known) {
        return c.message(404, "title_not_found", "error_not_found");
    }
    if (route == nullptr) {
        api::Response r = c.message(405, "title_error", "error_method");
        std::string allow;
        for (const auto& rt : routes) {
            std::string ignored;
            if (path_matches(rt.path, c.path, ignored) &&
                (!exact || rt.path.find("{}") == std::string_view::npos)) {
                allow += allow.empty() ? "" : ", ";
                allow += rt.method;
                if (rt.method == "GET") {
                    allow += ", HEAD";
                }
            }
        }
        r.headers.emplace_back("Allow", allow);
        return r;
    }
    if (route->access != Access::anyone && !c.signed_in()) {
        // A page: off to sign in. A form post without a session cannot be
        // checked for CSRF, so it is refused like a wrong token.
        return get ? c.redirect("/login") : c.message(403, "title_forbidden", "error_csrf");
    }
    if (!allows(route->access, c.user ? c.user->roles : accounts::Roles{})) {
        return c.message(403, "title_forbidden", "error_forbidden");
    }
    if (request.method == "POST") {
        c.form = parse_urlencoded(request.body);
        const std::string sent = field(c.form, "csrf");
        // Signed in: the session's token. Signing in: the token in the
        // sign-in cookie (double submit; SameSite=Strict keeps other sites'
        // forms from sending it).
        const std::string expected =
            c.signed_in() ? c.csrf : cookie_value(request.cookie, signin_csrf_cookie).value_or("");
        if (sent.empty() || expected.empty() || sent.size() != expected.size() ||
            !equal_constant_time(sent, expected)) {
            return c.message(403, "title_forbidden", "error_csrf");
        }
    }
    api::Response r = route->handler(c);
    for (auto& h : c.extra.headers) {
        r.headers.push_back(std::move(h));
    }
    return r;
}

} // namespace engage::web
