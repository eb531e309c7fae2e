#pragma once
// Opening a subcommand's store, and the checks every command that serves or
// changes the coordinators' key makes on the data folder.
//
// --data DIR is always the server's own folder (its config file, its lock,
// TLS files, the test clock). The database is DIR/engage.db unless
// `--store postgresql://...` (or `store = postgresql://...` in
// DIR/engage-admin.conf; the command line wins) names a PostgreSQL database
// shared by several servers (issue 12, docs/postgresql.md).

#include "accounts/account_store.hpp"
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

// Where a subcommand's data lives.
struct DataLocation {
    std::string dir;       // --data DIR
    std::string store_uri; // "postgresql://..." or "" for DIR/engage.db
    bool postgresql() const { return !store_uri.empty(); }
    // For messages: the folder, or the database URI without its password.
    std::string describe() const;
};

// True for the URIs --store takes: postgresql://... or postgres://...
bool is_postgresql_uri(std::string_view text);

// --data and the store from --store or DIR/engage-admin.conf. Prints the
// reason (for `command`) to stderr and returns nullopt when --data is
// missing or the store setting is not a PostgreSQL URI.
std::optional<DataLocation> data_location(const Options& options, const char* command);

// Opens (creating on first use, migrating) the store the options name.
// Prints the reason to stderr and returns nullptr when --data is missing or
// the database cannot be opened.
std::unique_ptr<store::Store> open_data_dir(const Options& options, const char* command);
// The same for a location already worked out.
std::unique_ptr<store::Store> open_store(const DataLocation& where, const char* command);
// Opens an existing store without writing to it (reports while servers run).
// Throws when it cannot.
std::unique_ptr<store::Store> open_store_read_only(const DataLocation& where);
// Staff accounts beside the store (open the store first: it owns the schema).
// Throws when it cannot.
std::unique_ptr<accounts::AccountStore> open_accounts(const DataLocation& where);

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
