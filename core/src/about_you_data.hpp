#pragma once
// The text of core/data/about_you_translations.json, embedded at build time
// (core/CMakeLists.txt writes the definition into the build tree).

#include <string_view>

namespace engage::about_you::detail {

std::string_view translations_json();

} // namespace engage::about_you::detail
