#pragma once
// Private to web/: one request as the pages see it, and one function per
// page (page_<name>.cpp). web_app.cpp has already checked the session, the
// role and, for a POST, the CSRF token before a page runs.

#include "accounts/account_store.hpp"
#include "api/http_types.hpp"
#include "web/form_fields.hpp"
#include "web/render.hpp"
#include "web/web_app.hpp"

#include <optional>
#include <string>
#include <vector>

namespace engage::web {

struct WebApp::Context {
    Context(const api::Request& r, accounts::AccountStore& a, const Renderer& words,
            store::Store& s, api::KioskAuth& k)
        : request(r), accounts(a), renderer(words), store(s), kiosks(k) {}
    const api::Request& request;
    accounts::AccountStore& accounts;
    const Renderer& renderer;
    store::Store& store;    // the server's (kiosks, enrolment codes)
    api::KioskAuth& kiosks; // the server's token cache and heartbeat times
    std::int64_t now = 0;
    bool sample_database = false;
    std::string path;
    Fields query;
    Fields form;                              // a POST's fields
    std::string path_param;                   // the {} segment of a route such as /forms/{}
    content::ContentCache* content = nullptr; // null: the form pages answer 404
    std::string public_url;                   // WebOptions::public_url
    std::int64_t suppression_k = 5;           // the Board's threshold (serve --suppression-k)
    signups::UnlockedKeys* keys = nullptr;    // the coordinators' keys unlocked per session
    // Signed in (the session was valid and the user is not disabled):
    std::optional<accounts::User> user;
    std::string session_hash;
    std::string csrf;
    // Added to the response (Set-Cookie, ...).
    api::Response extra;

    bool signed_in() const { return user.has_value(); }
    // A page inside the layout.
    api::Response page(int status, std::string_view name, std::string_view title_key,
                       const View& view) const;
    // 303 See Other to `location` (a path on this site).
    api::Response redirect(std::string location) const;
    // A page that says `message_key` (403, 404, 429, ...).
    api::Response message(int status, std::string_view title_key,
                          std::string_view message_key) const;
};

using Context = WebApp::Context;

api::Response sign_in_form(Context& c);           // GET /login
api::Response sign_in(Context& c);                // POST /login
api::Response sign_out(Context& c);               // POST /logout
api::Response home(Context& c);                   // GET /
api::Response users(Context& c);                  // GET /users
api::Response end_sessions(Context& c);           // POST /users/end-sessions
api::Response disable_user(Context& c);           // POST /users/disable
api::Response audit_log(Context& c);              // GET /audit
api::Response make_invitation(Context& c);        // POST /users/invite
api::Response invite(Context& c);                 // GET /invite?token=...
api::Response accept_invitation(Context& c);      // POST /invite
api::Response forms_list(Context& c);             // GET /forms
api::Response new_form(Context& c);               // POST /forms/new
api::Response edit_form(Context& c);              // GET /forms/{slug}
api::Response save_form(Context& c);              // POST /forms/{slug}
api::Response publish_form(Context& c);           // POST /forms/{slug}/publish
api::Response close_form(Context& c);             // POST /forms/{slug}/close
api::Response preview_form(Context& c);           // GET /forms/{slug}/preview
api::Response form_translations(Context& c);      // GET /forms/{slug}/translations?lang=
api::Response save_form_translations(Context& c); // POST /forms/{slug}/translations
api::Response help_list(Context& c);              // GET /help
api::Response help_new(Context& c);               // GET /help/new
api::Response help_add(Context& c);               // POST /help/new
api::Response help_edit(Context& c);              // GET /help/{id}
api::Response help_save(Context& c);              // POST /help/{id}
api::Response help_move(Context& c);              // POST /help/move (id, direction)
api::Response help_confirm_delete(Context& c);    // GET /help/{id}/delete
api::Response help_delete(Context& c);            // POST /help/{id}/delete (confirm=yes)
api::Response help_translations(Context& c);      // GET /help/{id}/translations?lang=
api::Response help_save_translations(Context& c); // POST /help/{id}/translations
api::Response you_said_list(Context& c);          // GET /you-said-we-did, and so on
api::Response you_said_new(Context& c);           // as the help pages above
api::Response you_said_add(Context& c);
api::Response you_said_edit(Context& c);
api::Response you_said_save(Context& c);
api::Response you_said_move(Context& c);
api::Response you_said_confirm_delete(Context& c);
api::Response you_said_delete(Context& c);
api::Response you_said_translations(Context& c);
api::Response you_said_save_translations(Context& c);
api::Response kiosks(Context& c);          // GET /kiosks
api::Response make_enrol_code(Context& c); // POST /kiosks/enrol
api::Response confirm_revoke(Context& c);  // GET /kiosks/revoke?kiosk=ID
api::Response revoke_kiosk(Context& c);    // POST /kiosks/revoke
api::Response sites_list(Context& c);      // GET /sites
api::Response new_site_form(Context& c);   // GET /sites/new
api::Response create_site(Context& c);     // POST /sites/new
api::Response edit_site(Context& c);       // GET /sites/{slug}
api::Response save_site(Context& c);       // POST /sites/{slug}

api::Response signups_list(Context& c);         // GET /signups (coordinator)
api::Response signups_unlock(Context& c);       // POST /signups/unlock (passphrase)
api::Response signups_lock(Context& c);         // POST /signups/lock
api::Response signup_open(Context& c);          // GET /signups/{ref}
api::Response signup_contacted(Context& c);     // POST /signups/{ref}/contacted
api::Response signup_handled(Context& c);       // POST /signups/{ref}/handled
api::Response signup_delete(Context& c);        // POST /signups/{ref}/delete (confirm=yes)
api::Response signup_key(Context& c);           // GET /signups/key
api::Response signup_passphrase(Context& c);    // POST /signups/key/passphrase
api::Response signup_rotate(Context& c);        // POST /signups/key/rotate
api::Response signup_settings(Context& c);      // GET /settings/signups (admin)
api::Response save_signup_settings(Context& c); // POST /settings/signups

// "Admin, Staff": the catalogue's word for each role, comma and space
// (page_users.cpp). Stored role names ("admin,staff") are identifiers, not words.
std::string role_words(const Renderer& words, accounts::Roles roles);

// The catalogue's words for an audit action ("publish_form" → "Published a
// form"), the identifier itself when the catalogue lacks it (page_audit.cpp).
std::string action_words(const Renderer& words, std::string_view action);
api::Response kiosks(Context& c);          // GET /kiosks
api::Response make_enrol_code(Context& c); // POST /kiosks/enrol
api::Response confirm_revoke(Context& c);  // GET /kiosks/revoke?kiosk=ID
api::Response revoke_kiosk(Context& c);    // POST /kiosks/revoke
api::Response results_list(Context& c);    // GET /results
api::Response form_results(Context& c);    // GET /results/{slug}?site=&period=&version=
api::Response export_results(Context& c);  // GET /results/{slug}/export?format=csv|json&site=...
api::Response reports_list(Context& c);    // GET /reports (closed quarters)
api::Response quarter_report(Context& c);  // GET /reports/{YYYY-Qn}
api::Response decisions_list(Context& c);  // GET /decisions?status=&site=
api::Response decision_new(Context& c);    // GET /decisions/new?result=/results/...
api::Response decision_add(Context& c);    // POST /decisions/new
api::Response decision_page(Context& c);   // GET /decisions/{id}
api::Response decision_update(Context& c); // POST /decisions/{id}/update (status, note, reason)
api::Response decision_edit(Context& c);   // GET /decisions/{id}/edit
api::Response decision_save(Context& c);   // POST /decisions/{id}/edit
api::Response decision_kiosk(Context& c);  // POST /decisions/{id}/kiosk (action=end|show)
// The ticked sites of a posted editor ("site-N" = name, in page order;
// page_directory.cpp, shared with the decision editor).
std::vector<std::string> posted_sites(const Fields& form);
// The decision whose kiosk item has this id ("decision-N"), if it is one.
std::optional<std::int64_t> decision_of_kiosk_item(std::string_view item_id);
// Deleting a decision's item on the "you said, we did" pages takes it off the
// kiosks through its decision (which would otherwise put it back at its next
// change). False when `item_id` is not a stored decision's item.
bool end_decision_on_kiosks(Context& c, std::string_view item_id);
api::Response moderation_queue(Context& c);   // GET /moderation?form=
api::Response moderation_comment(Context& c); // GET /moderation/{id}
api::Response moderation_edit(Context& c);    // POST /moderation/{id} (text)
api::Response moderation_approve(Context& c); // POST /moderation/{id}/approve
api::Response moderation_reject(Context& c);  // POST /moderation/{id}/reject
api::Response moderation_flag(Context& c);    // POST /moderation/{id}/flag
api::Response moderation_respond(Context& c); // POST /moderation/{id}/respond (response)
api::Response safeguarding(Context& c);       // GET /safeguarding

// "2 safeguarding concerns need a response" ("" when none), for the banner
// on staff pages (page_moderation.cpp).
std::string concern_banner(const Renderer& words, std::int64_t open);
api::Response form_about_you(Context& c); // GET /results/{slug}/about-you?site=&period=
api::Response hearing_from(Context& c);   // GET /results/hearing-from?form=

// "YYYY-MM-DD HH:MM UTC" for a time in seconds since the epoch (page_audit.cpp).
std::string utc_minute(std::int64_t t);

// "Set-Cookie" value for the session cookie (Secure, HttpOnly,
// SameSite=Strict, Path=/, no Domain: the __Host- prefix requires exactly this).
std::string session_cookie_header(std::string_view name, std::string_view value,
                                  bool expire = false);

} // namespace engage::web
