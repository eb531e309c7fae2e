#pragma once
// Where a line may break, by the Unicode line breaking algorithm (UAX #14) as
// ICU implements it for the language: between words, after a hyphen, between
// CJK characters, never before a full stop or inside a number.

#include <cstddef>
#include <string_view>
#include <vector>

namespace engage::kiosk {

// Byte offsets into `utf8` (ascending, > 0, the last is utf8.size()) at which
// a line may end. Text that is not valid UTF-8 breaks only at its end.
std::vector<std::size_t> line_break_offsets(std::string_view utf8, std::string_view language);

} // namespace engage::kiosk
