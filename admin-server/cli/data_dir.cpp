#include "cli/data_dir.hpp"

#include <cstdio>
#include <exception>

namespace engage::cli {

std::unique_ptr<store::SqliteStore> open_data_dir(const Options& options) {
    const auto dir = options.get("data");
    if (!dir || dir->empty()) {
        std::fprintf(stderr, "engage-admin: --data DIR is required\n");
        return nullptr;
    }
    try {
        return store::SqliteStore::open(*dir);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "engage-admin: cannot open the database in %s: %s\n", dir->c_str(),
                     e.what());
        return nullptr;
    }
}

bool refuse_plaintext_passphrase(const std::filesystem::path& dir, const char* command) {
    std::error_code ec;
    const auto file = dir / store::passphrase_file_name;
    if (!std::filesystem::exists(file, ec)) {
        return false;
    }
    std::fprintf(stderr,
                 "engage-admin %s: %s holds the coordinators' passphrase in plain text, so "
                 "anyone with a copy of this folder can read every sign-up. Refusing to go on.\n"
                 "Fix: run  engage-admin coordinator-key --data %s\n"
                 "It reads that file, asks for a new passphrase (twice), re-locks the key with it "
                 "and deletes the file.\n",
                 command, file.c_str(), dir.c_str());
    return true;
}

KeyringState keyring_state(store::Store& store) {
    if (store.coordinator_keyring()) {
        return KeyringState::ready;
    }
    return store.legacy_coordinator_locked_key().empty() ? KeyringState::none
                                                         : KeyringState::legacy;
}

void print_keyring_fix(KeyringState state, const std::string& dir, const char* command) {
    if (state == KeyringState::legacy) {
        std::fprintf(stderr,
                     "engage-admin %s: the coordinators' key in %s was made by an older "
                     "engage-admin and has no signing key.\n"
                     "Fix: run  engage-admin coordinator-key --data %s\n"
                     "It asks for the current passphrase and a new one, and re-locks the key.\n",
                     command, dir.c_str(), dir.c_str());
    } else if (state == KeyringState::none) {
        std::fprintf(stderr,
                     "engage-admin %s: %s has no coordinators' key yet.\n"
                     "Fix: run  engage-admin init --data %s\n"
                     "It asks for the coordinators' passphrase (never stored) and makes the "
                     "keys.\n",
                     command, dir.c_str(), dir.c_str());
    }
}

} // namespace engage::cli
