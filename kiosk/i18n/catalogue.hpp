#pragma once
// UI strings by key, one catalogue file per language (i18n/<code>.json):
//   {"language": "pl", "native_name": "Polski", "direction": "ltr",
//    "strings": {"home.feedback": "...", ...}}
// English is the declared fallback; a key missing everywhere shows as itself so
// a gap is visible on screen rather than blank. Read-only after load: safe to
// share between threads.

#include <filesystem>
#include <initializer_list>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace engage::kiosk {

inline constexpr std::string_view kFallbackLanguage = "en";

class Catalogue {
public:
    // An empty catalogue: text() returns keys, languages() is empty.
    Catalogue() = default;

    // Loads every <code>.json in `dir`. Returns nullopt and sets `error` when the
    // directory cannot be read, a file is not strict JSON or not of the format
    // above, or en.json is missing. Files are small; this is done once at start.
    static std::optional<Catalogue> load(const std::filesystem::path& dir, std::string& error);

    // Adds or replaces one language from a catalogue file's text (tests use it).
    // False and `error` on bad input; the catalogue is unchanged then.
    bool add(std::string_view json_text, std::string& error);

    // The string for `key` in `language`, else English, else the key itself.
    std::string text(std::string_view key, std::string_view language) const;
    // True when `language` itself (no fallback) has `key`.
    bool has(std::string_view key, std::string_view language) const;

    // Language codes present: en first, then pl ro pt so ar fa ur ckb in that
    // order when present, then any others alphabetically.
    std::vector<std::string> languages() const;
    // The language's own name ("Polski", "العربية"); the code when unknown.
    std::string native_name(std::string_view code) const;
    // True for right-to-left languages ("direction": "rtl").
    bool is_rtl(std::string_view code) const;
    // Every key of one language, sorted (tests compare catalogues with it).
    std::vector<std::string> keys(std::string_view code) const;

private:
    struct Language {
        std::string native_name;
        bool rtl = false;
        std::map<std::string, std::string, std::less<>> strings;
    };
    std::map<std::string, Language, std::less<>> languages_;
};

// Replaces each "{name}" in `text` with its value; unknown placeholders stay.
// fill("{n} of {m}", {{"n", "2"}, {"m", "5"}}) == "2 of 5".
std::string fill(std::string_view text,
                 std::initializer_list<std::pair<std::string_view, std::string_view>> values);

} // namespace engage::kiosk
