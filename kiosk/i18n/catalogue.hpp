#pragma once
// UI strings by key, one catalogue file per language (i18n/<code>.json):
//   {"language": "pl", "native_name": "Polski", "direction": "ltr",
//    "reviewed": false,
//    "strings": {"home.feedback": "...",
//                "text.characters_left": {"one": "...", "few": "...", ...}, ...}}
// A string that counts something is an object of CLDR plural forms
// (plural_rules.hpp) with at least "other". "reviewed" (optional, false when
// absent) says a native speaker has checked the language; until then the
// kiosk shows the English beside crisis entries (Help now).
// English is the declared fallback; a key missing everywhere shows as itself so
// a gap is visible on screen rather than blank. Read-only after load: safe to
// share between threads.

#include <cstdint>
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
    // For a counted string this is its "other" form; use plural() instead.
    std::string text(std::string_view key, std::string_view language) const;
    // The form of a counted string for the whole number `n` by the CLDR rules
    // of whichever language supplies it (`language`, else English), with
    // "{name}" still in it for fill(). A plain string is its own only form.
    std::string plural(std::string_view key, std::string_view language, std::int64_t n) const;
    // The plural forms `language` itself gives for `key` (category name →
    // text); empty for a plain string or a missing key. Tests check them.
    std::map<std::string, std::string, std::less<>> plural_forms(std::string_view key,
                                                                 std::string_view language) const;
    // True when `language` itself (no fallback) has `key`.
    bool has(std::string_view key, std::string_view language) const;

    // Language codes present: en first, then pl ro pt so kmr ar fa ur ckb pa bn
    // ti am (by script) in that order when present, then any others alphabetically.
    std::vector<std::string> languages() const;
    // The language's own name ("Polski", "العربية"); the code when unknown.
    std::string native_name(std::string_view code) const;
    // True for right-to-left languages ("direction": "rtl").
    bool is_rtl(std::string_view code) const;
    // True when a native speaker has reviewed the language ("reviewed": true);
    // false for machine-drafted and unknown languages.
    bool reviewed(std::string_view code) const;
    // Every key of one language, sorted (tests compare catalogues with it).
    std::vector<std::string> keys(std::string_view code) const;

private:
    struct Language {
        std::string native_name;
        bool rtl = false;
        bool reviewed = false;
        // Every key → its text; for a counted string, its "other" form.
        std::map<std::string, std::string, std::less<>> strings;
        // Counted strings only: key → (category name → text).
        std::map<std::string, std::map<std::string, std::string, std::less<>>, std::less<>> plurals;
    };
    std::map<std::string, Language, std::less<>> languages_;
};

// Replaces each "{name}" in `text` with its value; unknown placeholders stay.
// fill("{n} of {m}", {{"n", "2"}, {"m", "5"}}) == "2 of 5".
std::string fill(std::string_view text,
                 std::initializer_list<std::pair<std::string_view, std::string_view>> values);

} // namespace engage::kiosk
