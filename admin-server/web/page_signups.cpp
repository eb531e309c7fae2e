// The coordinators' sign-up pages (issue 10, "Peer-mentor sign-ups"), for
// the coordinator role only (web_app.cpp's Access::coordinator: admins,
// staff and the Board get 403 on every one).
//
// GET /signups lists the stored sign-ups by received date, site, form and
// status (never their contents: the list needs no key), flags those waiting
// longer than the retention settings' flag_days, and offers the unlock form.
// POST /signups/unlock checks the coordinators' passphrase (argon2id, here
// on the web thread) and holds the unlocked keyring for this session only
// (signups/unlocked_keys.hpp); POST /signups/lock wipes it. GET
// /signups/{ref} opens one sign-up with those keys on the request, renders
// it and drops the plaintext (Cache-Control: no-store, as every page here);
// POSTs under it mark it contacted or handled, or delete it for good. GET
// /signups/key changes the passphrase or rotates the key pair, through the
// command line's code (signups/signup_actions.hpp). GET /settings/signups
// (admins) sets how long sign-ups are kept.
//
// The audit log gets who did what to which reference and when, never what
// a sign-up says; nothing decrypted leaves the page that shows it.
#include "engage/sealing.hpp"
#include "log/journal_log.hpp"
#include "signups/memory_lock.hpp"
#include "signups/open_signup.hpp"
#include "signups/signup_actions.hpp"
#include "signups/signup_reference.hpp"
#include "signups/signup_retention.hpp"
#include "web/pages.hpp"

#include <charconv>

namespace engage::web {
namespace {

// Wrong passphrases allowed per coordinator per sign-in window (the
// sign-in limits' 15 minutes): the passphrase guards every sign-up, so a
// stolen session must not get to guess it quickly. 5, as for passwords.
constexpr std::int64_t unlock_failures_allowed = 5;

Date today_of(std::int64_t unix_seconds) {
    return from_days_since_epoch(static_cast<long>(unix_seconds / 86400));
}

std::string day_after(const std::string& date, std::int64_t days) {
    const auto d = parse_date(date);
    return d ? to_string(from_days_since_epoch(days_since_epoch(*d) + static_cast<long>(days)))
             : std::string();
}

bool unlocked(const Context& c) {
    return c.keys->holds(c.session_hash, c.now);
}

std::string signup_path(const store::StoredSignup& s) {
    return "/signups/" + signups::signup_reference(s.id);
}

// The sign-up a path names, when exactly one matches.
std::optional<store::StoredSignup> find(Context& c) {
    auto matches = signups::signups_with_reference(c.store, c.path_param);
    if (matches.size() != 1) {
        return std::nullopt;
    }
    return std::move(matches.front());
}

// "New", "Contacted on …", "Handled on …", and when it will be deleted.
void describe_status(const Context& c, const store::StoredSignup& s,
                     const store::SignupRetention& r, View& row) {
    std::string status;
    std::string deleted_on;
    if (!s.handled_date.empty()) {
        status = c.renderer.word("signups_status_handled") + " " + s.handled_date;
        deleted_on = std::min(day_after(s.handled_date, r.handled_days),
                              day_after(s.received_date, r.max_days));
    } else {
        status = s.contacted_date.empty()
                     ? c.renderer.word("signups_status_new")
                     : c.renderer.word("signups_status_contacted") + " " + s.contacted_date;
        deleted_on = day_after(s.received_date, r.max_days);
    }
    row.set("status", status);
    row.set("deleted_on", deleted_on);
    const bool waiting = s.handled_date.empty() &&
                         day_after(s.received_date, r.flag_days) <= to_string(today_of(c.now));
    row.flag("waiting", waiting);
}

api::Response list_page(Context& c, int status, std::string_view error_key) {
    View v;
    v.set("csrf", c.csrf);
    const bool open = unlocked(c);
    v.flag("unlocked", open);
    const auto retention = c.store.signup_retention();
    v.set("flag_days", std::to_string(retention.flag_days));
    const std::string done = field(c.query, "done");
    if (!done.empty() && (done == "unlocked" || done == "locked" || done == "deleted" ||
                          done == "need_unlock" || done == "key_changed")) {
        v.set("notice", c.renderer.word("signups_done_" + done));
    }
    if (!error_key.empty()) {
        v.set("error", c.renderer.word(error_key));
    }
    std::size_t waiting = 0;
    for (const auto& s : c.store.sealed_signups()) {
        View row;
        row.set("reference", signups::signup_reference(s.id));
        row.set("link", signup_path(s));
        row.set("received", s.received_date);
        row.set("site", s.site);
        row.set("form", s.form);
        describe_status(c, s, retention, row);
        waiting += s.handled_date.empty() &&
                   day_after(s.received_date, retention.flag_days) <= to_string(today_of(c.now));
        v.add("signups", std::move(row));
    }
    if (waiting > 0) {
        v.set("waiting_count", std::to_string(waiting));
    }
    return c.page(status, "signups", "title_signups", v);
}

// The passphrase field's text, wiped from the parsed form once read.
std::string take_passphrase(Context& c, std::string_view name) {
    for (auto& [k, value] : c.form) {
        if (k == name) {
            std::string out = value;
            wipe_secret_text(value);
            return out;
        }
    }
    return {};
}

bool too_many_unlock_failures(Context& c) {
    return c.accounts.failures("unlock:" + c.user->name, c.now - signin_window_seconds) >=
           unlock_failures_allowed;
}

void count_unlock_failure(Context& c) {
    c.accounts.add_failure("unlock:" + c.user->name, c.now, c.now - signin_window_seconds);
}

// The keyring unlocked with `passphrase`, counting a wrong one; `error_key`
// says why not.
std::optional<UnlockedKeyring> check_passphrase(Context& c, std::string& passphrase,
                                                std::optional<CoordinatorKeyring>& ring,
                                                std::string& error_key) {
    // Wiped on every way out, the refusals included.
    struct Wipe {
        std::string& text;
        ~Wipe() { wipe_secret_text(text); }
    } wipe{passphrase};
    ring = c.store.coordinator_keyring();
    if (!ring || ring->current() == nullptr) {
        error_key = "error_no_keyring";
        return std::nullopt;
    }
    if (too_many_unlock_failures(c)) {
        error_key = "error_unlock_too_many";
        return std::nullopt;
    }
    // sodium_malloc hands out unlocked memory when mlock fails; refuse
    // rather than hold the secrets where they could be swapped to disk.
    const auto lock =
        signups::check_memory_lock(signups::keyring_lock_pages(ring->box_keys.size()));
    if (!lock.ok) {
        journal::write(journal::Priority::err, "memlock_unavailable", lock.why);
        error_key = "error_unlock_memlock";
        return std::nullopt;
    }
    auto keys = passphrase.empty() ? std::nullopt : unlock_keyring(*ring, passphrase);
    if (!keys) {
        count_unlock_failure(c);
        c.accounts.audit(c.now, c.user->name, "signup_unlock_failed");
        error_key = "error_unlock_wrong";
    }
    return keys;
}

// Runs an action on the sign-up the path names; the keys must be unlocked
// (only someone who knows the passphrase acts on a sign-up).
template <typename Act>
api::Response on_signup(Context& c, Act act) {
    if (!unlocked(c)) {
        return c.redirect("/signups?done=need_unlock");
    }
    const auto s = find(c);
    if (!s) {
        return c.message(404, "title_not_found", "error_signup_not_found");
    }
    return act(*s);
}

api::Response key_page(Context& c, int status, std::string_view error_key,
                       std::string_view done_key) {
    View v;
    v.set("csrf", c.csrf);
    const auto ring = c.store.coordinator_keyring();
    if (ring && ring->current() != nullptr) {
        v.set("key_id", ring->current()->key_id);
        v.flag("sample", ring->sample);
        for (const auto& k : ring->box_keys) {
            if (!k.current) {
                View old;
                old.set("key_id", k.key_id);
                v.add("old_keys", std::move(old));
            }
        }
    }
    v.set("min_chars", std::to_string(min_passphrase_chars));
    if (!error_key.empty()) {
        v.set("error", c.renderer.word(error_key));
    }
    if (!done_key.empty()) {
        v.set("notice", c.renderer.word(done_key));
    }
    return c.page(status, "signup_key", "title_signup_key", v);
}

// After a key change: this session holds the new keys, every other
// session's are wiped (they hold the old passphrase key, under which a
// rotation there would lock a new secret), kiosks get the current key.
void adopt(Context& c, signups::KeyChange& changed) {
    c.keys->forget_others(c.session_hash);
    c.keys->hold(c.session_hash, std::move(changed.keys), c.now);
    if (c.content != nullptr) {
        c.content->replace(c.store.load_content());
    }
    for (const auto& id : changed.destroyed_keys) {
        c.accounts.audit(c.now, c.user->name, "coordinator_key_destroyed", id);
    }
}

std::optional<std::int64_t> whole_number(const std::string& text) {
    std::int64_t n = 0;
    const auto* end = text.data() + text.size();
    const auto r = std::from_chars(text.data(), end, n);
    if (text.empty() || r.ec != std::errc() || r.ptr != end) {
        return std::nullopt;
    }
    return n;
}

api::Response settings_page(Context& c, int status, const store::SignupRetention& r,
                            std::string_view error_key, bool saved) {
    View v;
    v.set("csrf", c.csrf);
    v.set("handled_days", std::to_string(r.handled_days));
    v.set("flag_days", std::to_string(r.flag_days));
    v.set("max_days", std::to_string(r.max_days));
    v.set("min_handled", std::to_string(signups::retention::min_handled_days));
    v.set("max_handled", std::to_string(signups::retention::max_handled_days));
    v.set("min_max", std::to_string(signups::retention::min_max_days));
    v.set("max_max", std::to_string(signups::retention::max_max_days));
    if (!error_key.empty()) {
        v.set("error", c.renderer.word(error_key));
    }
    if (saved) {
        v.set("notice", c.renderer.word("retention_done_saved"));
    }
    return c.page(status, "signup_settings", "title_signup_settings", v);
}

} // namespace

api::Response signups_list(Context& c) {
    return list_page(c, 200, "");
}

api::Response signups_unlock(Context& c) {
    std::string passphrase = take_passphrase(c, "passphrase");
    std::optional<CoordinatorKeyring> ring;
    std::string error_key;
    auto keys = check_passphrase(c, passphrase, ring, error_key);
    if (!keys) {
        return list_page(c,
                         error_key == "error_unlock_too_many"  ? 429
                         : error_key == "error_unlock_memlock" ? 503
                                                               : 200,
                         error_key);
    }
    c.keys->hold(c.session_hash, std::move(*keys), c.now);
    c.accounts.audit(c.now, c.user->name, "signup_keys_unlocked");
    return c.redirect("/signups?done=unlocked");
}

api::Response signups_lock(Context& c) {
    c.keys->forget(c.session_hash);
    c.accounts.audit(c.now, c.user->name, "signup_keys_locked");
    return c.redirect("/signups?done=locked");
}

api::Response signup_open(Context& c) {
    return on_signup(c, [&c](const store::StoredSignup& s) {
        const auto ring = c.store.coordinator_keyring();
        if (!ring) {
            return c.message(500, "title_error", "error_no_keyring");
        }
        const auto forms = c.store.all_form_versions();
        View v;
        v.set("csrf", c.csrf);
        // Opened, rendered and dropped inside the keys' lock: the plaintext
        // lives only in `opened` and the page text, both gone with this request.
        signups::OpenedSignup opened;
        c.keys->with_keys(c.session_hash, c.now, [&](UnlockedKeyring& keys) {
            opened = signups::open_signup(s, *ring, keys, forms);
        });
        const std::string reference = signups::signup_reference(s.id);
        v.set("reference", reference);
        v.set("base", signup_path(s));
        v.set("received", s.received_date);
        v.set("site", s.site);
        v.set("form", s.form);
        // Set only when there is something to say: a mustache section
        // shows for an empty string too.
        for (const auto& [name, value] :
             {std::pair{"given", &opened.date}, std::pair{"language", &opened.language},
              std::pair{"unreadable", &opened.unreadable}}) {
            if (!value->empty()) {
                v.set(name, *value);
            }
        }
        for (const auto& f : opened.fields) {
            View row;
            row.set("question", f.question);
            row.set("answer", f.answer);
            v.add("fields", std::move(row));
        }
        v.flag("skipped_all", opened.unreadable.empty() && opened.fields.empty());
        describe_status(c, s, c.store.signup_retention(), v);
        v.flag("can_contact", s.contacted_date.empty() && s.handled_date.empty());
        v.flag("can_handle", s.handled_date.empty());
        const std::string done = field(c.query, "done");
        if (done == "contacted" || done == "handled") {
            v.set("notice", c.renderer.word("signup_done_" + done));
        }
        if (field(c.query, "error") == "confirm") {
            v.set("error", c.renderer.word("error_signup_confirm_delete"));
        }
        c.accounts.audit(c.now, c.user->name, "signup_opened", reference);
        return c.page(200, "signup", "title_signup", v);
    });
}

api::Response signup_contacted(Context& c) {
    return on_signup(c, [&c](const store::StoredSignup& s) {
        c.store.mark_signup_contacted(s.id, today_of(c.now));
        c.accounts.audit(c.now, c.user->name, "signup_contacted", signups::signup_reference(s.id));
        return c.redirect(signup_path(s) + "?done=contacted");
    });
}

api::Response signup_handled(Context& c) {
    return on_signup(c, [&c](const store::StoredSignup& s) {
        c.store.mark_signup_handled(s.id, today_of(c.now));
        c.accounts.audit(c.now, c.user->name, "signup_handled", signups::signup_reference(s.id));
        return c.redirect(signup_path(s) + "?done=handled");
    });
}

api::Response signup_delete(Context& c) {
    return on_signup(c, [&c](const store::StoredSignup& s) {
        if (field(c.form, "confirm") != "yes") {
            return c.redirect(signup_path(s) + "?error=confirm");
        }
        const auto d = signups::delete_signup(c.store, s.id);
        if (d.deleted) {
            // No reference: the sign-up is gone, and the store has just
            // taken its reference out of the earlier entries too.
            c.accounts.audit(c.now, c.user->name, "signup_deleted");
        }
        for (const auto& id : d.destroyed_keys) {
            c.accounts.audit(c.now, c.user->name, "coordinator_key_destroyed", id);
        }
        return c.redirect("/signups?done=deleted");
    });
}

api::Response signup_key(Context& c) {
    const std::string done = field(c.query, "done");
    return key_page(c, 200, "",
                    done == "passphrase" || done == "rotated" ? "signup_key_done_" + done : "");
}

api::Response signup_passphrase(Context& c) {
    std::string current = take_passphrase(c, "current");
    std::string fresh = take_passphrase(c, "new");
    std::string again = take_passphrase(c, "again");
    const bool same = fresh == again;
    wipe_secret_text(again);
    if (fresh.size() < min_passphrase_chars || !same) {
        wipe_secret_text(current);
        wipe_secret_text(fresh);
        return key_page(c, 200, same ? "error_passphrase_short" : "error_passphrase_mismatch", "");
    }
    std::optional<CoordinatorKeyring> ring;
    std::string error_key;
    auto keys = check_passphrase(c, current, ring, error_key);
    if (!keys) {
        wipe_secret_text(fresh);
        return key_page(c, error_key == "error_unlock_too_many" ? 429 : 200, error_key, "");
    }
    auto changed = signups::change_coordinator_keys(c.store, *ring, std::move(*keys), fresh, false);
    wipe_secret_text(fresh);
    adopt(c, changed);
    c.accounts.audit(c.now, c.user->name, "coordinator_passphrase_changed");
    return c.redirect("/signups/key?done=passphrase");
}

api::Response signup_rotate(Context& c) {
    std::string current = take_passphrase(c, "current");
    std::optional<CoordinatorKeyring> ring;
    std::string error_key;
    auto keys = check_passphrase(c, current, ring, error_key);
    if (!keys) {
        return key_page(c, error_key == "error_unlock_too_many" ? 429 : 200, error_key, "");
    }
    if (ring->sample) {
        // A new key locked under the published sample passphrase protects nothing.
        return key_page(c, 200, "error_rotate_sample", "");
    }
    auto changed =
        signups::change_coordinator_keys(c.store, *ring, std::move(*keys), std::nullopt, true);
    const std::string key_id = changed.ring.current()->key_id;
    adopt(c, changed);
    c.accounts.audit(c.now, c.user->name, "coordinator_key_rotated", key_id);
    return c.redirect("/signups/key?done=rotated");
}

api::Response signup_settings(Context& c) {
    return settings_page(c, 200, c.store.signup_retention(), "", field(c.query, "done") == "saved");
}

api::Response save_signup_settings(Context& c) {
    const auto handled = whole_number(field(c.form, "handled_days"));
    const auto flag = whole_number(field(c.form, "flag_days"));
    const auto max = whole_number(field(c.form, "max_days"));
    store::SignupRetention r = c.store.signup_retention();
    if (!handled || !flag || !max) {
        return settings_page(c, 200, r, "error_retention_number", false);
    }
    r = store::SignupRetention{*handled, *flag, *max};
    if (const auto why = signups::retention::refusal(r); !why.empty()) {
        return settings_page(c, 200, r, why, false);
    }
    c.store.set_signup_retention(r);
    c.accounts.audit(c.now, c.user->name, "signup_retention_changed",
                     "handled " + std::to_string(r.handled_days) + ", flagged " +
                         std::to_string(r.flag_days) + ", at most " + std::to_string(r.max_days) +
                         " days");
    return c.redirect("/settings/signups?done=saved");
}

} // namespace engage::web
