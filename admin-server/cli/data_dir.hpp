#pragma once
// Opening DIR/engage.db for a subcommand, and the checks every command that
// serves or changes the coordinators' key makes on the data folder.

#include "cli/options.hpp"
#include "store/sqlite_store.hpp"

#include <filesystem>
#include <memory>
#include <string>

namespace engage::cli {

// Under --test-mode only (serve, report): DIR/test-clock holds the time in
// seconds since the epoch that the web app and `report` use instead of the
// system clock, so a test can close a month without waiting for one.
inline constexpr std::string_view test_clock_file_name = "test-clock";

// Opens (creating on first use) the store in --data DIR. Prints the reason to
// stderr and returns nullptr when --data is missing or the database cannot
// be opened.
std::unique_ptr<store::SqliteStore> open_data_dir(const Options& options);

// True (after printing the refusal and how to fix it, for `command`) when
// DIR still holds the plain-text passphrase file older versions left there.
bool refuse_plaintext_passphrase(const std::filesystem::path& dir, const char* command);

enum class KeyringState {
    ready,  // a keyring exists
    none,   // nothing yet: `engage-admin init` makes it
    legacy, // schema 1's single key: `engage-admin coordinator-key` moves it
};
KeyringState keyring_state(store::Store& store);
// Prints, for `command`, what to run for a data folder in `state` (not ready).
void print_keyring_fix(KeyringState state, const std::string& dir, const char* command);

} // namespace engage::cli
