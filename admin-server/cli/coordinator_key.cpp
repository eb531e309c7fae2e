// engage-admin coordinator-key --data DIR [--rotate]
//
// Without --rotate: changes the coordinators' passphrase. Asks for the
// current one (not for a sample folder, whose passphrase is published), then
// the new one twice, and re-locks every secret key under it at argon2id's
// MODERATE level with a fresh salt. The key pairs stay the same.
//
// With --rotate: makes a new box key pair, signed by the signing key and
// locked under the same passphrase; kiosks move to it at their next content
// refresh. Older box keys stay locked beside it while a stored sign-up names
// them, and are destroyed once none does (here, and at every `serve` start).
//
// A data folder from before the keyring (one key in `meta`, maybe the
// plain-text DIR/coordinator-passphrase.txt) is moved into a keyring: the
// current passphrase is read from that file when it is there, a new one is
// asked for, a signing key is made, and the file is deleted.
#include "cli/commands.hpp"
#include "cli/data_dir.hpp"
#include "cli/passphrase_prompt.hpp"
#include "engage/coordinator_keyring.hpp"
#include "signups/signup_actions.hpp"

#include <cstdio>
#include <filesystem>
#include <fstream>

namespace engage::cli {
namespace {

// The first line of the plain-text passphrase file, if there is one.
std::optional<std::string> read_passphrase_file(const std::filesystem::path& file) {
    std::ifstream in(file);
    std::string line;
    if (in && std::getline(in, line) && !line.empty()) {
        return line;
    }
    return std::nullopt;
}

void print_outcome(const CoordinatorKeyring& ring, const std::vector<std::string>& destroyed,
                   bool rotated) {
    if (rotated) {
        std::printf("New coordinators' key %s is current; kiosks seal to it after their next "
                    "content refresh.\n",
                    ring.current()->key_id.c_str());
    } else {
        std::puts("The coordinators' passphrase is changed.");
    }
    for (const auto& k : ring.box_keys) {
        if (!k.current) {
            std::printf("Kept old key %s: stored sign-ups are sealed to it.\n", k.key_id.c_str());
        }
    }
    for (const auto& id : destroyed) {
        std::printf("Destroyed old key %s: no stored sign-up needs it.\n", id.c_str());
    }
}

} // namespace

int coordinator_key(const Args& args) {
    std::string error;
    const auto options = parse_options(args, {{"data", "store"}, {"rotate"}}, error);
    if (!options) {
        std::fprintf(stderr, "engage-admin coordinator-key: %s\n", error.c_str());
        return exit_usage;
    }
    auto store = open_data_dir(*options, "coordinator-key");
    if (!store) {
        return options->has("data") ? exit_failure : exit_usage;
    }
    const std::string dir = *options->get("data");
    const bool rotate = options->has("rotate");
    const std::filesystem::path file = std::filesystem::path(dir) / store::passphrase_file_name;
    try {
        const auto state = keyring_state(*store);
        if (state == KeyringState::none) {
            print_keyring_fix(state, dir, "coordinator-key");
            return exit_failure;
        }

        CoordinatorKeyring ring;
        std::optional<UnlockedKeyring> unlocked;
        std::optional<std::string> fresh;
        std::optional<std::string> adopt_unnamed_as;
        if (state == KeyringState::legacy) {
            auto current = read_passphrase_file(file);
            if (!current) {
                current = read_secret_line("Current coordinators' passphrase: ");
            }
            const auto secret =
                current ? unlock_secret_key(store->legacy_coordinator_locked_key(), *current)
                        : std::nullopt;
            if (!secret) {
                std::fputs("engage-admin coordinator-key: the current passphrase is wrong\n",
                           stderr);
                return exit_failure;
            }
            const auto chosen = ask_new_passphrase("coordinator-key");
            if (!chosen) {
                return exit_usage;
            }
            const KeyPair old_pair{store->legacy_coordinator_public_key(), *secret};
            ring = adopt_legacy_box_key(old_pair, *chosen, moderate_kdf_params());
            adopt_unnamed_as = ring.current()->key_id;
            unlocked = unlock_keyring(ring, *chosen);
        } else {
            ring = *store->coordinator_keyring();
            std::optional<std::string> current;
            if (ring.sample) {
                current = std::string(sample_passphrase);
            } else {
                current = read_secret_line("Current coordinators' passphrase: ");
            }
            unlocked = current ? unlock_keyring(ring, *current) : std::nullopt;
            if (!unlocked) {
                std::fputs("engage-admin coordinator-key: the current passphrase is wrong\n",
                           stderr);
                return exit_failure;
            }
            if (!rotate || ring.sample) {
                // A rotation of a sample folder changes its passphrase too:
                // a new key locked under a published passphrase protects nothing.
                fresh = ask_new_passphrase("coordinator-key");
                if (!fresh) {
                    return exit_usage;
                }
            }
        }
        if (!unlocked) {
            std::fputs("engage-admin coordinator-key: the re-locked keys do not open; nothing "
                       "changed\n",
                       stderr);
            return exit_failure;
        }
        // The same lifecycle as the coordinators' web pages (signups/signup_actions.hpp).
        const auto changed = signups::change_coordinator_keys(
            *store, ring, std::move(*unlocked),
            fresh ? std::optional<std::string_view>(*fresh) : std::nullopt, rotate,
            adopt_unnamed_as);
        if (fresh) {
            wipe_secret_text(*fresh);
        }
        ring = changed.ring;
        const auto& destroyed = changed.destroyed_keys;
        print_outcome(ring, destroyed, rotate);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "engage-admin coordinator-key: %s\n", e.what());
        return exit_failure;
    }
    std::error_code ec;
    if (std::filesystem::remove(file, ec)) {
        std::printf("Deleted %s.\n", file.c_str());
    }
    if (ec) {
        std::fprintf(stderr,
                     "engage-admin coordinator-key: could not delete %s (%s): delete it by "
                     "hand\n",
                     file.c_str(), ec.message().c_str());
        return exit_failure;
    }
    return 0;
}

} // namespace engage::cli
