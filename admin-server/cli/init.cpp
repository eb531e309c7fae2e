// engage-admin init --data DIR
//
// Makes a new data folder ready: the database, and the coordinators' keys
// locked under a passphrase the operator types (twice, without echo; one
// line each from stdin when it is not a terminal). The passphrase is never
// written anywhere: without it nobody, this program included, can read a
// sign-up. `serve` from a terminal does the same on its first start.
#include "cli/commands.hpp"
#include "cli/data_dir.hpp"
#include "cli/passphrase_prompt.hpp"
#include "engage/coordinator_keyring.hpp"

#include <cstdio>
#include <exception>

namespace engage::cli {

int make_first_keyring(store::Store& store, const std::string& dir, const char* command) {
    std::fprintf(stderr,
                 "Choose the coordinators' passphrase. It unlocks peer-mentor sign-ups; it is "
                 "not stored anywhere, so keep it somewhere safe.\n");
    const auto passphrase = ask_new_passphrase(command);
    if (!passphrase) {
        return exit_usage;
    }
    try {
        std::fprintf(stderr, "Making the coordinators' keys (this takes a few seconds)...\n");
        const auto ring = make_coordinator_keyring(*passphrase, moderate_kdf_params());
        if (!store.create_coordinator_keyring(ring)) {
            std::fprintf(stderr,
                         "engage-admin %s: %s already has coordinators' keys (made meanwhile by "
                         "another command); nothing changed\n",
                         command, dir.c_str());
            return exit_failure;
        }
        std::fprintf(stderr, "The coordinators' keys are made (current key %s).\n",
                     ring.current()->key_id.c_str());
    } catch (const std::exception& e) {
        std::fprintf(stderr, "engage-admin %s: %s\n", command, e.what());
        return exit_failure;
    }
    return 0;
}

int init(const Args& args) {
    std::string error;
    const auto options = parse_options(args, {{"data", "store"}, {}}, error);
    if (!options) {
        std::fprintf(stderr, "engage-admin init: %s\n", error.c_str());
        return exit_usage;
    }
    const auto dir = options->get("data");
    if (dir && refuse_plaintext_passphrase(*dir, "init")) {
        return exit_failure;
    }
    auto store = open_data_dir(*options, "init");
    if (!store) {
        return options->has("data") ? exit_failure : exit_usage;
    }
    try {
        const auto state = keyring_state(*store);
        if (state == KeyringState::ready) {
            std::fprintf(stderr,
                         "engage-admin init: %s is already set up; nothing changed. To change "
                         "the coordinators' passphrase run  engage-admin coordinator-key --data "
                         "%s\n",
                         dir->c_str(), dir->c_str());
            return exit_failure;
        }
        if (state == KeyringState::legacy) {
            print_keyring_fix(state, *dir, "init");
            return exit_failure;
        }
    } catch (const std::exception& e) {
        std::fprintf(stderr, "engage-admin init: %s\n", e.what());
        return exit_failure;
    }
    const int rc = make_first_keyring(*store, *dir, "init");
    if (rc == 0) {
        std::printf("%s is ready. Start the server with: engage-admin serve --data %s\n",
                    dir->c_str(), dir->c_str());
    }
    return rc;
}

} // namespace engage::cli
