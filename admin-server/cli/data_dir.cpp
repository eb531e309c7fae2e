#include "cli/data_dir.hpp"

#include "engage/pg/connection.hpp"
#include "store/pg_store.hpp"

#include <cstdio>
#include <exception>
#include <fstream>
#include <iterator>

namespace engage::cli {

namespace {

// The `store` setting of DIR/engage-admin.conf, or "". Only this one line is
// read here: the file's other settings are serve's, and serve checks them all.
std::string configured_store(const std::filesystem::path& dir) {
    std::ifstream in(dir / config_file_name);
    if (!in) {
        return {};
    }
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    Options only_store;
    std::string ignored;
    const OptionSpec spec{{"store"}, {}};
    std::string_view rest = text;
    while (!rest.empty()) {
        const auto nl = rest.find('\n');
        const auto line = rest.substr(0, nl);
        rest = nl == std::string_view::npos ? std::string_view{} : rest.substr(nl + 1);
        const auto eq = line.find('=');
        if (eq == std::string_view::npos) {
            continue;
        }
        auto name = line.substr(0, eq);
        while (!name.empty() && (name.back() == ' ' || name.back() == '\t')) {
            name.remove_suffix(1);
        }
        while (!name.empty() && (name.front() == ' ' || name.front() == '\t')) {
            name.remove_prefix(1);
        }
        if (name == "store") {
            (void)merge_config(line, spec, only_store, ignored);
        }
    }
    return only_store.get("store").value_or("");
}

} // namespace

std::string DataLocation::describe() const {
    return postgresql() ? pg::redact_conninfo(store_uri) : dir;
}

bool is_postgresql_uri(std::string_view text) {
    return text.starts_with("postgresql://") || text.starts_with("postgres://");
}

std::optional<DataLocation> data_location(const Options& options, const char* command) {
    const auto dir = options.get("data");
    if (!dir || dir->empty()) {
        std::fprintf(stderr, "engage-admin %s: --data DIR is required\n", command);
        return std::nullopt;
    }
    DataLocation where{*dir, options.get("store").value_or("")};
    if (where.store_uri.empty()) {
        where.store_uri = configured_store(*dir);
    }
    if (!where.store_uri.empty() && !is_postgresql_uri(where.store_uri)) {
        std::fprintf(stderr,
                     "engage-admin %s: --store takes a PostgreSQL URI, "
                     "postgresql://USER@HOST/DATABASE (without it the database is %s/%s)\n",
                     command, dir->c_str(), std::string(store::database_file_name).c_str());
        return std::nullopt;
    }
    return where;
}

std::unique_ptr<store::Store> open_store(const DataLocation& where, const char* command) {
    try {
        if (where.postgresql()) {
            return store::PgStore::open(where.store_uri);
        }
        return store::SqliteStore::open(where.dir);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "engage-admin %s: cannot open the database %s%s: %s\n", command,
                     where.postgresql() ? "" : "in ", where.describe().c_str(), e.what());
        return nullptr;
    }
}

std::unique_ptr<store::Store> open_data_dir(const Options& options, const char* command) {
    const auto where = data_location(options, command);
    if (!where) {
        return nullptr;
    }
    return open_store(*where, command);
}

std::unique_ptr<store::Store> open_store_read_only(const DataLocation& where) {
    if (where.postgresql()) {
        return store::PgStore::open_read_only(where.store_uri);
    }
    return store::SqliteStore::open_read_only(where.dir);
}

std::unique_ptr<accounts::AccountStore> open_accounts(const DataLocation& where) {
    if (where.postgresql()) {
        return accounts::AccountStore::open_postgresql(where.store_uri);
    }
    return accounts::AccountStore::open(where.dir);
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
