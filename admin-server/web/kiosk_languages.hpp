#pragma once
// The languages the kiosk has a UI catalogue for (i18n/<code>.json), with
// their native names: what a site may offer. Kept here as a list, not read
// from i18n/ at run time, because the server ships without the kiosk's files;
// the test "the server's list of kiosk languages is i18n/" keeps the two the
// same.

#include <array>
#include <string_view>

namespace engage::web {

struct KioskLanguage {
    std::string_view code;
    std::string_view native_name; // as i18n/<code>.json's "native_name"
    std::string_view english_name;
};

inline constexpr std::array<KioskLanguage, 14> kiosk_languages{{
    {"en", "English", "English"},
    {"pl", "Polski", "Polish"},
    {"ro", "Română", "Romanian"},
    {"pt", "Português", "Portuguese"},
    {"so", "Soomaali", "Somali"},
    {"ar", "العربية", "Arabic"},
    {"fa", "فارسی", "Farsi"},
    {"ur", "اردو", "Urdu"},
    {"ckb", "کوردی (سۆرانی)", "Kurdish (Sorani)"},
    {"kmr", "Kurmancî", "Kurdish (Kurmanji)"},
    {"pa", "ਪੰਜਾਬੀ", "Punjabi"},
    {"bn", "বাংলা", "Bengali"},
    {"ti", "ትግርኛ", "Tigrinya"},
    {"am", "አማርኛ", "Amharic"},
}};

} // namespace engage::web
