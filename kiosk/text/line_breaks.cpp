#include "kiosk/text/line_breaks.hpp"

#include <memory>
#include <string>
#include <unicode/brkiter.h>
#include <unicode/unistr.h>

namespace engage::kiosk {

std::vector<std::size_t> line_break_offsets(std::string_view utf8, std::string_view language) {
    std::vector<std::size_t> out;
    if (utf8.empty())
        return out;
    UErrorCode status = U_ZERO_ERROR;
    const icu::Locale locale(std::string(language).c_str());
    std::unique_ptr<icu::BreakIterator> it(icu::BreakIterator::createLineInstance(locale, status));
    if (U_FAILURE(status) || !it) {
        out.push_back(utf8.size());
        return out;
    }
    // ICU counts in UTF-16 units; map each back to its UTF-8 byte offset.
    const auto text = icu::UnicodeString::fromUTF8(
        icu::StringPiece(utf8.data(), static_cast<std::int32_t>(utf8.size())));
    std::vector<std::size_t> byte_at(static_cast<std::size_t>(text.length()) + 1, utf8.size());
    std::size_t bytes = 0;
    for (std::int32_t i = 0; i < text.length();) {
        const UChar32 cp = text.char32At(i);
        byte_at[static_cast<std::size_t>(i)] = bytes;
        bytes += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
        i += U16_LENGTH(cp);
    }
    // A string with invalid bytes decodes to U+FFFDs that re-encode to a
    // different length: its offsets would not point into `utf8`.
    if (bytes != utf8.size()) {
        out.push_back(utf8.size());
        return out;
    }
    byte_at.back() = utf8.size();
    it->setText(text);
    for (auto b = it->next(); b != icu::BreakIterator::DONE; b = it->next())
        out.push_back(byte_at.at(static_cast<std::size_t>(b)));
    if (out.empty() || out.back() != utf8.size())
        out.push_back(utf8.size());
    return out;
}

} // namespace engage::kiosk
