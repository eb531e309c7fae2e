#include "kiosk/i18n/catalogue.hpp"

#include "engage/strict_json.hpp"
#include "kiosk/i18n/plural_rules.hpp"

#include <algorithm>
#include <array>
#include <boost/json.hpp>
#include <fstream>
#include <sstream>
#include <system_error>

namespace engage::kiosk {
namespace {

namespace json = boost::json;

// The order languages are offered in: English first, then the languages most
// spoken at our day centres, Latin script before Arabic script.
// Scripts grouped: Latin, then Arabic, then Gurmukhi, Bengali and Ethiopic.
constexpr std::array<std::string_view, 14> kPreferredOrder = {
    "en", "pl", "ro", "pt", "so", "kmr", "ar", "fa", "ur", "ckb", "pa", "bn", "ti", "am"};

// A catalogue holds a few hundred short strings; anything far bigger is not one.
constexpr std::uintmax_t kMaxCatalogueBytes = 1u << 20;

bool valid_code(std::string_view code) {
    if (code.empty() || code.size() > 8)
        return false;
    return std::all_of(code.begin(), code.end(),
                       [](char c) { return (c >= 'a' && c <= 'z') || c == '-'; });
}

bool read_file(const std::filesystem::path& path, std::string& out, std::string& error) {
    std::error_code ec;
    const auto size = std::filesystem::file_size(path, ec);
    if (ec) {
        error = path.filename().string() + ": " + ec.message();
        return false;
    }
    if (size > kMaxCatalogueBytes) {
        error = path.filename().string() + ": larger than 1 MiB";
        return false;
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        error = path.filename().string() + ": cannot open";
        return false;
    }
    std::ostringstream buffer;
    buffer << in.rdbuf();
    out = std::move(buffer).str();
    return true;
}

} // namespace

bool Catalogue::add(std::string_view json_text, std::string& error) {
    json::value doc;
    if (!parse_json_strict(json_text, doc, error))
        return false;
    const auto* root = doc.if_object();
    if (root == nullptr) {
        error = "not a JSON object";
        return false;
    }
    const auto* code = root->if_contains("language");
    const auto* name = root->if_contains("native_name");
    const auto* direction = root->if_contains("direction");
    const auto* strings = root->if_contains("strings");
    if (code == nullptr || !code->is_string() || !valid_code(code->get_string())) {
        error = "\"language\" must be a language code like \"pl\"";
        return false;
    }
    if (name == nullptr || !name->is_string() || name->get_string().empty()) {
        error = "\"native_name\" must be a non-empty string";
        return false;
    }
    if (direction == nullptr || !direction->is_string() ||
        (direction->get_string() != "ltr" && direction->get_string() != "rtl")) {
        error = "\"direction\" must be \"ltr\" or \"rtl\"";
        return false;
    }
    if (strings == nullptr || !strings->is_object()) {
        error = "\"strings\" must be an object of key to text";
        return false;
    }
    const auto* reviewed = root->if_contains("reviewed");
    if (reviewed != nullptr && !reviewed->is_bool()) {
        error = "\"reviewed\" must be true or false";
        return false;
    }
    Language language;
    language.native_name = std::string(name->get_string());
    language.rtl = direction->get_string() == "rtl";
    language.reviewed = reviewed != nullptr && reviewed->get_bool();
    for (const auto& [key, value] : strings->get_object()) {
        if (value.is_string()) {
            language.strings.emplace(std::string(key), std::string(value.get_string()));
            continue;
        }
        const auto* forms = value.if_object();
        if (forms == nullptr) {
            error = "string \"" + std::string(key) + "\" is not text";
            return false;
        }
        auto& out = language.plurals[std::string(key)];
        for (const auto& [category, text] : *forms) {
            if (!plural_from_name(category) || !text.is_string()) {
                error = "string \"" + std::string(key) +
                        "\": plural forms are text under zero, one, two, few, many or other";
                return false;
            }
            out.emplace(std::string(category), std::string(text.get_string()));
        }
        const auto other = out.find("other");
        if (other == out.end()) {
            error = "string \"" + std::string(key) + "\" has plural forms but no \"other\"";
            return false;
        }
        language.strings.emplace(std::string(key), other->second);
    }
    languages_.insert_or_assign(std::string(code->get_string()), std::move(language));
    return true;
}

std::optional<Catalogue> Catalogue::load(const std::filesystem::path& dir, std::string& error) {
    std::error_code ec;
    std::vector<std::filesystem::path> files;
    for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
        if (entry.path().extension() == ".json")
            files.push_back(entry.path());
    }
    if (ec) {
        error = dir.string() + ": " + ec.message();
        return std::nullopt;
    }
    std::sort(files.begin(), files.end());
    Catalogue catalogue;
    for (const auto& path : files) {
        std::string text;
        if (!read_file(path, text, error))
            return std::nullopt;
        std::string why;
        if (!catalogue.add(text, why)) {
            error = path.filename().string() + ": " + why;
            return std::nullopt;
        }
        // The file name is how operators find a language; it must match.
        if (!catalogue.languages_.contains(path.stem().string())) {
            error = path.filename().string() + ": \"language\" does not match the file name";
            return std::nullopt;
        }
    }
    if (!catalogue.languages_.contains(kFallbackLanguage)) {
        error = dir.string() + ": no en.json (English is the fallback)";
        return std::nullopt;
    }
    return catalogue;
}

std::string Catalogue::text(std::string_view key, std::string_view language) const {
    for (auto code : {language, kFallbackLanguage}) {
        if (auto lang = languages_.find(code); lang != languages_.end()) {
            if (auto it = lang->second.strings.find(key); it != lang->second.strings.end()) {
                return it->second;
            }
        }
    }
    return std::string(key);
}

std::string Catalogue::plural(std::string_view key, std::string_view language,
                              std::int64_t n) const {
    for (auto code : {language, kFallbackLanguage}) {
        auto lang = languages_.find(code);
        if (lang == languages_.end() || !lang->second.strings.contains(key))
            continue;
        // The rules of the language whose words these are: English words in an
        // Arabic visit take English forms.
        if (auto forms = lang->second.plurals.find(key); forms != lang->second.plurals.end()) {
            const auto name = plural_name(plural_category(code, n));
            if (auto form = forms->second.find(name); form != forms->second.end())
                return form->second;
        }
        return lang->second.strings.find(key)->second;
    }
    return std::string(key);
}

std::map<std::string, std::string, std::less<>>
Catalogue::plural_forms(std::string_view key, std::string_view language) const {
    if (auto lang = languages_.find(language); lang != languages_.end()) {
        if (auto forms = lang->second.plurals.find(key); forms != lang->second.plurals.end())
            return forms->second;
    }
    return {};
}

bool Catalogue::reviewed(std::string_view code) const {
    auto lang = languages_.find(code);
    return lang != languages_.end() && lang->second.reviewed;
}

bool Catalogue::has(std::string_view key, std::string_view language) const {
    auto lang = languages_.find(language);
    return lang != languages_.end() && lang->second.strings.contains(key);
}

std::vector<std::string> Catalogue::languages() const {
    std::vector<std::string> out;
    for (auto code : kPreferredOrder) {
        if (languages_.contains(code))
            out.emplace_back(code);
    }
    for (const auto& [code, language] : languages_) {
        if (std::find(kPreferredOrder.begin(), kPreferredOrder.end(), code) ==
            kPreferredOrder.end()) {
            out.push_back(code);
        }
    }
    return out;
}

std::string Catalogue::native_name(std::string_view code) const {
    auto lang = languages_.find(code);
    return lang == languages_.end() ? std::string(code) : lang->second.native_name;
}

bool Catalogue::is_rtl(std::string_view code) const {
    auto lang = languages_.find(code);
    return lang != languages_.end() && lang->second.rtl;
}

std::vector<std::string> Catalogue::keys(std::string_view code) const {
    std::vector<std::string> out;
    if (auto lang = languages_.find(code); lang != languages_.end()) {
        for (const auto& [key, text] : lang->second.strings)
            out.push_back(key);
    }
    return out;
}

std::string fill(std::string_view text,
                 std::initializer_list<std::pair<std::string_view, std::string_view>> values) {
    std::string out;
    out.reserve(text.size());
    std::size_t i = 0;
    while (i < text.size()) {
        if (text[i] == '{') {
            const auto close = text.find('}', i + 1);
            if (close != std::string_view::npos) {
                const auto name = text.substr(i + 1, close - i - 1);
                const auto* found = std::find_if(values.begin(), values.end(),
                                                 [&](const auto& v) { return v.first == name; });
                if (found != values.end()) {
                    out += found->second;
                    i = close + 1;
                    continue;
                }
            }
        }
        out += text[i];
        ++i;
    }
    return out;
}

} // namespace engage::kiosk
