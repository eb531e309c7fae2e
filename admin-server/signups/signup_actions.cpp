#include "signups/signup_actions.hpp"

#include "signups/signup_reference.hpp"

#include <stdexcept>

namespace engage::signups {

std::vector<store::StoredSignup> signups_with_reference(store::Store& store,
                                                        std::string_view typed) {
    std::vector<store::StoredSignup> matches;
    const auto reference = parse_signup_reference(typed);
    if (!reference) {
        return matches;
    }
    for (auto& s : store.sealed_signups()) {
        if (signup_reference(s.id) == *reference) {
            matches.push_back(std::move(s));
        }
    }
    return matches;
}

std::vector<std::string> destroy_unused_keys(store::Store& store) {
    auto ring = store.coordinator_keyring();
    if (!ring) {
        return {};
    }
    auto destroyed = drop_unused_box_keys(*ring, store.sealed_signup_key_ids());
    if (!destroyed.empty()) {
        store.replace_coordinator_keyring(*ring);
    }
    return destroyed;
}

Deletion delete_signup(store::Store& store, std::string_view id) {
    Deletion d;
    d.deleted = store.delete_sealed_signup(id);
    if (!d.deleted) {
        return d;
    }
    // secure_delete zeroed it in the database file; the WAL still holds the
    // page images from before until a checkpoint copies and truncates it.
    d.wal_emptied = store.checkpoint();
    d.destroyed_keys = destroy_unused_keys(store);
    return d;
}

KeyChange change_coordinator_keys(store::Store& store, const CoordinatorKeyring& ring,
                                  UnlockedKeyring keys,
                                  std::optional<std::string_view> new_passphrase, bool rotate,
                                  std::optional<std::string> adopt_unnamed_as) {
    if (rotate && ring.sample && !new_passphrase) {
        throw std::runtime_error("the sample keyring's passphrase is published: change the "
                                 "passphrase with the rotation");
    }
    CoordinatorKeyring next = ring;
    if (new_passphrase) {
        next = keys.relock(ring, *new_passphrase, moderate_kdf_params());
        // The held passphrase key is the old one: unlock again so a rotation
        // below locks the new secret under the new passphrase.
        auto reopened = unlock_keyring(next, *new_passphrase);
        if (!reopened) {
            throw std::runtime_error("the re-locked keys do not open; nothing changed");
        }
        keys = std::move(*reopened);
    }
    if (rotate) {
        next = keys.rotate(next);
    }
    auto in_use = store.sealed_signup_key_ids();
    if (adopt_unnamed_as && in_use.erase("") > 0) {
        in_use.insert(*adopt_unnamed_as);
    }
    auto destroyed = drop_unused_box_keys(next, in_use);
    store.replace_coordinator_keyring(next, std::move(adopt_unnamed_as));
    return KeyChange{std::move(next), std::move(keys), std::move(destroyed)};
}

} // namespace engage::signups
