#pragma once
// The side-by-side translation page's parts, shared by forms, help entries
// and "you said, we did" items (issue 9): a coverage figure for each
// language the kiosks offer, every string beside its English with missing
// ones marked, and reading a language's texts back from the posted page.
// templates/translations.mustache draws what add_translation_view() fills.

#include "engage/localised.hpp"
#include "web/form_fields.hpp"
#include "web/render.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace engage::web {

// One translatable string: the field name the page posts it under, and the
// text itself (only strings that have English are offered).
struct TranslatableText {
    std::string name;
    LocalisedText* text;
};

// True when `lang` is one of `languages` and not English (the source).
bool is_translation_language(const std::vector<std::string>& languages, std::string_view lang);

// Adds "languages" (code, done, total, percent, current) for each of
// `languages` but English, and "strings" (name, english, text, missing) in
// `lang` to `v`, plus "lang" and "base" (the item's page; the coverage
// links go to base + "/translations?lang="). An empty `lang` means the
// first language. Returns the language shown, or "" when `lang` is not one
// the kiosks offer (the page answers 404).
std::string add_translation_view(View& v, const std::vector<TranslatableText>& texts,
                                 const std::vector<std::string>& languages, std::string lang,
                                 std::string_view base);

// Sets each text's `lang` from the posted field of its name; an empty field
// removes the translation (the kiosk then shows English).
void read_translations(const Fields& form, std::string_view lang,
                       const std::vector<TranslatableText>& texts);

} // namespace engage::web
