#pragma once
// Rows PgStore's files share (private to store/pg_store*.cpp): meta values,
// the keyring, sites, list tables and JSON as stored. The same SQL as
// SqliteStore's, in PostgreSQL's $n parameters; every text ORDER BY says
// COLLATE "C" so both engines sort byte-wise whatever the database's locale
// (reports and exports must come out the same on either).
//
// Thread safety: as the Connection passed in (the caller holds its mutex).

#include "engage/content.hpp"
#include "engage/coordinator_keyring.hpp"
#include "engage/pg/connection.hpp"
#include "store/store.hpp"
#include "store/stored_values.hpp" // parse_stored, stored_site

#include <boost/json/value.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace engage::store::pg_rows {

std::string meta_get(pg::Connection& c, std::string_view key);
void meta_set(pg::Connection& c, std::string_view key, std::string_view value);
// Moves the content version on, inside the caller's transaction.
void bump_content_version(pg::Connection& c);

std::optional<CoordinatorKeyring> read_keyring(pg::Connection& c);
void write_keyring(pg::Connection& c, const CoordinatorKeyring& ring);

std::vector<Site> read_sites(pg::Connection& c);
void write_sites(pg::Connection& c, const std::vector<Site>& sites);

void write_marks(pg::Connection& c, const std::vector<TranslationMark>& marks);

// Inserts or replaces form versions by (slug, version).
void upsert_forms(pg::Connection& c, const std::vector<FormVersion>& forms);
// Writes help entries / "you said, we did" items (replacing items with the
// same id) at positions from `first_position` in list order; `replace_all`
// deletes the table's other rows first.
void write_help(pg::Connection& c, const std::vector<HelpEntry>& items, bool replace_all,
                std::int64_t first_position = 0);
void write_you_said_we_did(pg::Connection& c, const std::vector<YouSaidWeDid>& items,
                           bool replace_all, std::int64_t first_position = 0);
std::vector<YouSaidWeDid> read_you_said_we_did(pg::Connection& c);
void write_kiosk_settings(pg::Connection& c, const KioskSettings& settings);

// Blanks the audit log's references to the sign-up `id` (see
// sqlite_store.cpp's forget_signup_in_audit for why), in the caller's
// transaction.
void forget_signup_in_audit(pg::Connection& c, std::string_view id);

} // namespace engage::store::pg_rows
