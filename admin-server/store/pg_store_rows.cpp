#include "store/pg_store_rows.hpp"

#include "content/settings_json.hpp"
#include "signups/signup_reference.hpp"
#include "store/content_version.hpp"

#include <boost/json.hpp>
#include <stdexcept>

namespace engage::store::pg_rows {

std::string meta_get(pg::Connection& c, std::string_view key) {
    const auto r = c.query("SELECT value FROM meta WHERE key = $1", key);
    return r.rows() == 0 ? std::string() : r.string(0, 0);
}

void meta_set(pg::Connection& c, std::string_view key, std::string_view value) {
    c.query("INSERT INTO meta(key, value) VALUES($1, $2) "
            "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            key, value);
}

void bump_content_version(pg::Connection& c) {
    // FOR UPDATE: two servers changing content at once must not both read
    // the same version and write the same next one (one ETag for two
    // different bundles). The second waits for the first to commit.
    const auto r = c.query("SELECT value FROM meta WHERE key = 'content_version' FOR UPDATE");
    meta_set(c, "content_version",
             next_content_version(r.rows() == 0 ? std::string_view() : r.text(0, 0)));
}

std::optional<CoordinatorKeyring> read_keyring(pg::Connection& c) {
    const auto pass = c.query("SELECT alg, opslimit, memlimit, salt, sample, signing_public_key, "
                              "signing_secret_locked FROM coordinator_passphrase WHERE id = 1");
    if (pass.rows() == 0) {
        return std::nullopt;
    }
    CoordinatorKeyring ring;
    ring.kdf.alg = pass.string(0, 0);
    ring.kdf.opslimit = static_cast<unsigned long long>(pass.integer(0, 1));
    ring.kdf.memlimit = static_cast<std::size_t>(pass.integer(0, 2));
    ring.kdf.salt_b64 = pass.string(0, 3);
    ring.sample = pass.integer(0, 4) != 0;
    ring.signing_public_key = pass.string(0, 5);
    ring.signing_secret_locked = pass.string(0, 6);
    const auto keys = c.query("SELECT key_id, public_key, signature, locked_secret, current "
                              "FROM coordinator_box_keys ORDER BY current, key_id COLLATE \"C\"");
    for (int i = 0; i < keys.rows(); ++i) {
        ring.box_keys.push_back(CoordinatorBoxKey{keys.string(i, 0), keys.string(i, 1),
                                                  keys.string(i, 2), keys.string(i, 3),
                                                  keys.integer(i, 4) != 0});
    }
    return ring;
}

void write_keyring(pg::Connection& c, const CoordinatorKeyring& ring) {
    c.query("INSERT INTO coordinator_passphrase(id, alg, opslimit, memlimit, salt, sample, "
            "signing_public_key, signing_secret_locked) VALUES(1, $1, $2, $3, $4, $5, $6, $7) "
            "ON CONFLICT(id) DO UPDATE SET alg = excluded.alg, opslimit = excluded.opslimit, "
            "memlimit = excluded.memlimit, salt = excluded.salt, sample = excluded.sample, "
            "signing_public_key = excluded.signing_public_key, "
            "signing_secret_locked = excluded.signing_secret_locked",
            ring.kdf.alg, static_cast<std::int64_t>(ring.kdf.opslimit),
            static_cast<std::int64_t>(ring.kdf.memlimit), ring.kdf.salt_b64,
            std::int64_t{ring.sample ? 1 : 0}, ring.signing_public_key, ring.signing_secret_locked);
    c.exec("DELETE FROM coordinator_box_keys");
    for (const auto& k : ring.box_keys) {
        c.query("INSERT INTO coordinator_box_keys(key_id, public_key, signature, "
                "locked_secret, current) VALUES($1, $2, $3, $4, $5)",
                k.key_id, k.public_key, k.signature, k.locked_secret,
                std::int64_t{k.current ? 1 : 0});
    }
}

std::vector<Site> read_sites(pg::Connection& c) {
    std::vector<Site> out;
    const auto r = c.query(
        "SELECT slug, name, address, hours, languages FROM sites ORDER BY slug COLLATE \"C\"");
    for (int i = 0; i < r.rows(); ++i) {
        out.push_back(stored_site(r.string(i, 0), r.string(i, 1), r.string(i, 2), r.text(i, 3),
                                  r.text(i, 4)));
    }
    return out;
}

void write_sites(pg::Connection& c, const std::vector<Site>& sites) {
    for (const auto& site : sites) {
        boost::json::array languages;
        for (const auto& l : site.languages) {
            languages.emplace_back(boost::json::string(l));
        }
        c.query("INSERT INTO sites(slug, name, address, hours, languages) "
                "VALUES($1, $2, $3, $4, $5) ON CONFLICT(slug) DO UPDATE SET "
                "name = excluded.name, address = excluded.address, "
                "hours = excluded.hours, languages = excluded.languages",
                site.slug, site.name, site.address,
                boost::json::serialize(boost::json::value_from(site.hours)),
                boost::json::serialize(languages));
    }
}

void write_marks(pg::Connection& c, const std::vector<TranslationMark>& marks) {
    for (const auto& m : marks) {
        c.query("INSERT INTO translation_marks(form, version, string, language, state, by_user, "
                "at) VALUES($1, $2, $3, $4, $5, $6, $7) "
                "ON CONFLICT(form, version, string, language) DO UPDATE SET "
                "state = excluded.state, by_user = excluded.by_user, at = excluded.at",
                m.form, m.version, m.string, m.language, m.state, m.by, m.at);
    }
}

void upsert_forms(pg::Connection& c, const std::vector<FormVersion>& forms) {
    for (const auto& f : forms) {
        c.query("INSERT INTO forms(slug, version, kind, status, json) VALUES($1, $2, $3, $4, $5) "
                "ON CONFLICT(slug, version) DO UPDATE SET kind = excluded.kind, "
                "status = excluded.status, json = excluded.json",
                f.slug, std::int64_t{f.version}, to_string(f.kind), to_string(f.status),
                boost::json::serialize(boost::json::value_from(f)));
    }
}

namespace {

template <class Item>
void write_list(pg::Connection& c, std::string_view table, const std::vector<Item>& items,
                bool replace_all, std::int64_t position) {
    if (replace_all) {
        c.exec("DELETE FROM " + std::string(table));
    }
    for (const auto& item : items) {
        c.query("INSERT INTO " + std::string(table) +
                    "(id, position, json) VALUES($1, $2, $3) ON CONFLICT(id) DO UPDATE SET "
                    "position = excluded.position, json = excluded.json",
                item.id, position++, boost::json::serialize(boost::json::value_from(item)));
    }
}

} // namespace

void write_help(pg::Connection& c, const std::vector<HelpEntry>& items, bool replace_all,
                std::int64_t first_position) {
    write_list(c, "help_entries", items, replace_all, first_position);
}

void write_you_said_we_did(pg::Connection& c, const std::vector<YouSaidWeDid>& items,
                           bool replace_all, std::int64_t first_position) {
    write_list(c, "you_said_we_did", items, replace_all, first_position);
}

std::vector<YouSaidWeDid> read_you_said_we_did(pg::Connection& c) {
    const auto r = c.query("SELECT json FROM you_said_we_did ORDER BY position, id COLLATE \"C\"");
    std::vector<YouSaidWeDid> out;
    std::string error;
    for (int i = 0; i < r.rows(); ++i) {
        YouSaidWeDid y;
        if (!parse_you_said_we_did(parse_stored(r.text(i, 0)), y, error)) {
            throw std::runtime_error("a stored 'you said, we did' item does not parse: " + error);
        }
        out.push_back(std::move(y));
    }
    return out;
}

void write_kiosk_settings(pg::Connection& c, const KioskSettings& settings) {
    c.query("INSERT INTO kiosk_settings(id, json) VALUES(1, $1) ON CONFLICT(id) DO "
            "UPDATE SET json = excluded.json",
            boost::json::serialize(content::kiosk_settings_to_json(settings)));
}

void forget_signup_in_audit(pg::Connection& c, std::string_view id) {
    c.query("UPDATE audit_log SET detail = '' WHERE detail = $1 AND action IN "
            "('signup_opened', 'signup_contacted', 'signup_handled', "
            "'signup_deleted', 'signup_deleted_retention')",
            signups::signup_reference(id));
}

} // namespace engage::store::pg_rows
