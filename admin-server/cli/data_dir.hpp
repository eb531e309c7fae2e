#pragma once
// Opening DIR/engage.db for a subcommand.

#include "cli/options.hpp"
#include "store/sqlite_store.hpp"

#include <memory>

namespace engage::cli {

// Opens (creating on first use) the store in --data DIR. Prints the reason to
// stderr and returns nullptr when --data is missing or the database cannot
// be opened.
std::unique_ptr<store::SqliteStore> open_data_dir(const Options& options);

} // namespace engage::cli
