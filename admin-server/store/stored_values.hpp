#pragma once
// Values as both stores keep them in their text columns, read back: the one
// strict JSON reader for stored content, a site's row, the keyring's public
// half in a content snapshot. One copy for SqliteStore and PgStore, so a
// value written by either engine reads the same, with the same errors.
//
// Thread safety: pure functions.

#include "engage/coordinator_keyring.hpp"
#include "store/store.hpp"

#include <boost/json/value.hpp>
#include <optional>
#include <string>
#include <string_view>

namespace engage::store {

// Stored JSON text, strictly parsed; throws std::runtime_error ("stored
// content is not valid JSON: ...") when it is not: the database was changed
// by hand or damaged.
boost::json::value parse_stored(std::string_view text);

// A site from its row: `hours` and `languages` are the stored JSON of its
// opening hours and its list of kiosk language codes. Throws
// std::runtime_error naming the site when either does not parse.
Site stored_site(std::string slug, std::string name, std::string address, std::string_view hours,
                 std::string_view languages);

// An anonymous item's answers as stored on its row: JSON without its free
// text. Free text is kept only as comments (store/comments.hpp), never on
// the item: rejecting a comment must remove its words, and the words stay
// unlinked from the person's other answers.
std::string stored_answers(const Submission& item);

// Puts the current coordinators' box key (with its id and signature) and
// the signing key into `snap`; leaves them empty when there is no keyring
// yet (`engage-admin init`) or no current key.
void put_coordinator_keys(ContentSnapshot& snap, const std::optional<CoordinatorKeyring>& ring);

} // namespace engage::store
