#include "web/translation_table.hpp"

#include <algorithm>

namespace engage::web {

bool is_translation_language(const std::vector<std::string>& languages, std::string_view lang) {
    return lang != fallback_language &&
           std::find(languages.begin(), languages.end(), lang) != languages.end();
}

std::string add_translation_view(View& v, const std::vector<TranslatableText>& texts,
                                 const std::vector<std::string>& languages, std::string lang,
                                 std::string_view base) {
    for (const auto& l : languages) {
        if (l == fallback_language) {
            continue;
        }
        if (lang.empty()) {
            lang = l;
        }
        std::size_t done = 0;
        for (const auto& t : texts) {
            done += t.text->has(l) ? 1 : 0;
        }
        const std::size_t total = texts.size();
        View item;
        item.set("code", l);
        item.set("done", std::to_string(done));
        item.set("total", std::to_string(total));
        item.set("percent", std::to_string(total == 0 ? 100 : done * 100 / total));
        item.flag("current", l == lang);
        v.add("languages", std::move(item));
    }
    if (!is_translation_language(languages, lang)) {
        return {};
    }
    v.set("lang", lang);
    v.set("base", std::string(base));
    for (const auto& t : texts) {
        View row;
        row.set("name", t.name);
        row.set("english", t.text->get(fallback_language));
        row.set("text", t.text->has(lang) ? t.text->by_language.at(lang) : std::string());
        row.flag("missing", !t.text->has(lang));
        v.add("strings", std::move(row));
    }
    return lang;
}

void read_translations(const Fields& form, std::string_view lang,
                       const std::vector<TranslatableText>& texts) {
    for (const auto& t : texts) {
        std::string text = field(form, t.name);
        if (text.empty()) {
            t.text->by_language.erase(std::string(lang));
        } else {
            t.text->by_language[std::string(lang)] = std::move(text);
        }
    }
}

} // namespace engage::web
