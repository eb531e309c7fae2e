#pragma once
// The sample content (assets/sample/*.json, installed to
// /usr/share/engage/sample): read at run time through find_asset(), so a
// demo's forms and help entries can be edited without a rebuild.

#include "store/store.hpp"

#include <filesystem>
#include <string>

namespace engage::sample {

// Parses the sample folder `dir`: forms/*.json (one FormVersion each, in name
// order), help.json, you-said-we-did.json and settings.json. Returns false and
// sets `error` naming the file when any of them is missing or fails to parse.
bool load_sample_content(const std::filesystem::path& dir, store::ContentSet& out,
                         std::string& error);

// The same from the "sample" folder find_asset() finds (engage/assets.hpp);
// false and the paths tried in `error` when there is none.
bool load_sample_content(store::ContentSet& out, std::string& error);

// Where load_sample_content(out, error) reads from; empty and `error` set when
// no sample folder is found.
std::filesystem::path sample_dir(std::string& error);

} // namespace engage::sample
