// PgStore: forms, help, "you said, we did", settings, translation marks and
// sites (what kiosks download), as SqliteStore keeps them.

#include "content/settings_json.hpp"
#include "engage/pg/transaction.hpp"
#include "store/pg_store.hpp"
#include "store/pg_store_rows.hpp"

#include <boost/json.hpp>
#include <stdexcept>

namespace engage::store {

using pg_rows::bump_content_version;

ContentSnapshot PgStore::load_content() {
    std::lock_guard lock(read_mutex_);
    auto& c = reader();
    pg::Transaction tx(c, pg::Transaction::Isolation::repeatable_read); // one consistent view
    ContentSnapshot snap;
    snap.version = pg_rows::meta_get(c, "content_version");
    put_coordinator_keys(snap, pg_rows::read_keyring(c));
    std::string error;
    {
        const auto r = c.query("SELECT json FROM forms WHERE status <> 'draft' "
                               "ORDER BY slug COLLATE \"C\", version");
        for (int i = 0; i < r.rows(); ++i) {
            FormVersion f;
            if (!parse_form_version(parse_stored(r.text(i, 0)), f, error)) {
                throw std::runtime_error("a stored form does not parse: " + error);
            }
            snap.forms.push_back(std::move(f));
        }
    }
    {
        const auto r = c.query("SELECT json FROM help_entries ORDER BY position, id COLLATE \"C\"");
        for (int i = 0; i < r.rows(); ++i) {
            HelpEntry h;
            if (!parse_help_entry(parse_stored(r.text(i, 0)), h, error)) {
                throw std::runtime_error("a stored help entry does not parse: " + error);
            }
            snap.help.push_back(std::move(h));
        }
    }
    snap.you_said_we_did = pg_rows::read_you_said_we_did(c);
    {
        const auto r = c.query("SELECT json FROM kiosk_settings WHERE id = 1");
        if (r.rows() == 1 &&
            !content::parse_kiosk_settings(parse_stored(r.text(0, 0)), snap.settings, error)) {
            throw std::runtime_error("stored kiosk settings do not parse: " + error);
        }
    }
    snap.sites = pg_rows::read_sites(c);
    tx.commit();
    return snap;
}

bool PgStore::content_empty() {
    std::lock_guard lock(read_mutex_);
    const auto r = reader().query(
        "SELECT (SELECT count(*) FROM forms) + (SELECT count(*) FROM help_entries) + "
        "(SELECT count(*) FROM you_said_we_did) + (SELECT count(*) FROM kiosk_settings)");
    return r.integer(0, 0) == 0;
}

void PgStore::add_content(const ContentSet& content) {
    std::lock_guard lock(write_mutex_);
    auto& c = writer();
    pg::Transaction tx(c);
    pg_rows::upsert_forms(c, content.forms);
    // One position counter across both lists, as SqliteStore::add_content.
    pg_rows::write_help(c, content.help, false, 0);
    pg_rows::write_you_said_we_did(c, content.you_said_we_did, false,
                                   static_cast<std::int64_t>(content.help.size()));
    pg_rows::write_kiosk_settings(c, content.settings);
    pg_rows::write_sites(c, content.sites);
    bump_content_version(c);
    tx.commit();
}

std::vector<FormVersion> PgStore::all_form_versions() {
    std::lock_guard lock(read_mutex_);
    const auto r = reader().query("SELECT json FROM forms ORDER BY slug COLLATE \"C\", version");
    std::vector<FormVersion> out;
    std::string error;
    for (int i = 0; i < r.rows(); ++i) {
        FormVersion f;
        if (!parse_form_version(parse_stored(r.text(i, 0)), f, error)) {
            throw std::runtime_error("a stored form does not parse: " + error);
        }
        out.push_back(std::move(f));
    }
    return out;
}

void PgStore::import_content(const ContentSet& content, const std::vector<FormVersion>& closing) {
    std::lock_guard lock(write_mutex_);
    auto& c = writer();
    pg::Transaction tx(c);
    for (const auto& f : closing) {
        // Only a published version is closed; anything else stored under
        // that slug and version means the plan was made on other data.
        const auto r = c.query("UPDATE forms SET status = 'closed', json = $3 "
                               "WHERE slug = $1 AND version = $2 AND status = 'published'",
                               f.slug, std::int64_t{f.version},
                               boost::json::serialize(boost::json::value_from(f)));
        if (r.affected() != 1) {
            throw std::runtime_error("form " + f.slug + " version " + std::to_string(f.version) +
                                     " is not published any more");
        }
    }
    for (const auto& f : content.forms) {
        // A plain INSERT: the primary key refuses a version that exists, and
        // the exception rolls the whole import back.
        c.query("INSERT INTO forms(slug, version, kind, status, json) VALUES($1, $2, $3, $4, $5)",
                f.slug, std::int64_t{f.version}, to_string(f.kind), to_string(f.status),
                boost::json::serialize(boost::json::value_from(f)));
    }
    pg_rows::write_help(c, content.help, false, 0);
    pg_rows::write_you_said_we_did(c, content.you_said_we_did, false, 0);
    pg_rows::write_kiosk_settings(c, content.settings);
    pg_rows::write_sites(c, content.sites);
    bump_content_version(c);
    pg_rows::write_marks(c, content.translation_marks);
    tx.commit();
}

void PgStore::put_form_versions(const std::vector<FormVersion>& forms, bool content_changed) {
    std::lock_guard lock(write_mutex_);
    auto& c = writer();
    pg::Transaction tx(c);
    pg_rows::upsert_forms(c, forms);
    if (content_changed) {
        bump_content_version(c);
    }
    tx.commit();
}

void PgStore::replace_help_entries(const std::vector<HelpEntry>& items) {
    std::lock_guard lock(write_mutex_);
    auto& c = writer();
    pg::Transaction tx(c);
    pg_rows::write_help(c, items, true);
    bump_content_version(c);
    tx.commit();
}

void PgStore::replace_you_said_we_did(const std::vector<YouSaidWeDid>& items) {
    std::lock_guard lock(write_mutex_);
    auto& c = writer();
    pg::Transaction tx(c);
    pg_rows::write_you_said_we_did(c, items, true);
    bump_content_version(c);
    tx.commit();
}

std::vector<TranslationMark> PgStore::translation_marks(std::string_view form) {
    std::lock_guard lock(read_mutex_);
    const auto r = reader().query(
        "SELECT form, version, string, language, state, by_user, at FROM translation_marks "
        "WHERE $1 = '' OR form = $1 ORDER BY form COLLATE \"C\", version, "
        "string COLLATE \"C\", language COLLATE \"C\"",
        form);
    std::vector<TranslationMark> out;
    for (int i = 0; i < r.rows(); ++i) {
        out.push_back({r.string(i, 0), r.integer(i, 1), r.string(i, 2), r.string(i, 3),
                       r.string(i, 4), r.string(i, 5), r.integer(i, 6)});
    }
    return out;
}

void PgStore::put_translation_marks(const std::vector<TranslationMark>& marks) {
    std::lock_guard lock(write_mutex_);
    auto& c = writer();
    pg::Transaction tx(c);
    pg_rows::write_marks(c, marks);
    tx.commit();
}

std::vector<Site> PgStore::sites() {
    std::lock_guard lock(read_mutex_);
    return pg_rows::read_sites(reader());
}

void PgStore::put_site(const Site& site) {
    std::lock_guard lock(write_mutex_);
    auto& c = writer();
    pg::Transaction tx(c);
    pg_rows::write_sites(c, {site});
    bump_content_version(c);
    tx.commit();
}

} // namespace engage::store
