#pragma once
// What the coordinators do to stored sign-ups and to their key, shared by
// the command line (`engage-admin signups`, `engage-admin coordinator-key`)
// and the coordinators' web pages (issue 10), so both follow one key
// lifecycle (engage/coordinator_keyring.hpp) and one way of deleting.
//
// Thread safety: plain functions; the store's own locking applies.

#include "engage/coordinator_keyring.hpp"
#include "store/store.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace engage::signups {

// The stored sign-ups whose reference (signup_reference.hpp) is what a
// person typed: none when it is not a reference or matches nothing; more
// than one would be a collision the caller must refuse to pick from.
std::vector<store::StoredSignup> signups_with_reference(store::Store& store,
                                                        std::string_view typed);

struct Deletion {
    bool deleted = false;     // false: no sign-up had this id (deleted meanwhile)
    bool wal_emptied = false; // false: a reader held the WAL; the idle checkpoint finishes
    std::vector<std::string> destroyed_keys; // old box keys no remaining sign-up named
};

// Deletes one sign-up for good: secure_delete overwrites it in the database
// file, a TRUNCATE checkpoint takes the page images out of the WAL, and old
// box keys no remaining sign-up names are destroyed, as the lifecycle says.
Deletion delete_signup(store::Store& store, std::string_view id);

// Destroys the old box keys no stored sign-up names (after a retention
// sweep deleted some). Returns their ids.
std::vector<std::string> destroy_unused_keys(store::Store& store);

struct KeyChange {
    CoordinatorKeyring ring; // as stored
    UnlockedKeyring keys;    // `ring` unlocked: under the new passphrase after a change
    std::vector<std::string> destroyed_keys;
};

// Changes the coordinators' passphrase to `new_passphrase` (when given:
// every secret re-locked at argon2id's MODERATE level with a fresh salt),
// then, with `rotate`, makes a new current box key pair signed by the
// signing key; older keys stay while a stored sign-up names them and are
// destroyed otherwise. Stores the result in one transaction.
// `adopt_unnamed_as`: sign-ups stored without a key id are recorded as
// sealed to that key (a schema-1 folder moving into a keyring). Throws
// std::runtime_error, with nothing stored, when the re-locked keys do not
// open under the new passphrase or the keyring is a sample one being rotated
// without a new passphrase (a new key under a published passphrase protects
// nothing).
KeyChange change_coordinator_keys(store::Store& store, const CoordinatorKeyring& ring,
                                  UnlockedKeyring keys,
                                  std::optional<std::string_view> new_passphrase, bool rotate,
                                  std::optional<std::string> adopt_unnamed_as = {});

} // namespace engage::signups
