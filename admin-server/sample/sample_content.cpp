#include "sample/sample_content.hpp"

#include "cli/content_document.hpp"
#include "content/settings_json.hpp"
#include "engage/assets.hpp"
#include "engage/strict_json.hpp"

#include <algorithm>
#include <boost/json.hpp>
#include <cstdint>
#include <fstream>
#include <iterator>
#include <vector>

namespace engage::sample {
namespace {

// A sample file is a hand-written form or help list; anything bigger than this
// is not one, and reading it whole into memory would be a mistake.
constexpr std::uintmax_t max_sample_file_bytes = 1024 * 1024;

template <class T, class Parse>
bool parse_array(const boost::json::value& jv, std::vector<T>& out, Parse parse,
                 std::string& error) {
    const auto* arr = jv.if_array();
    if (!arr) {
        error = "expected a JSON array";
        return false;
    }
    for (const auto& element : *arr) {
        T item;
        if (!parse(element, item, error)) {
            return false;
        }
        out.push_back(std::move(item));
    }
    return true;
}

// The whole file, refused above max_sample_file_bytes (a sample folder is
// data on disk like any other input).
bool read_text(const std::filesystem::path& file, std::string& text, std::string& error) {
    std::error_code ec;
    const auto size = std::filesystem::file_size(file, ec);
    if (ec) {
        error = "cannot read: " + ec.message();
        return false;
    }
    if (size > max_sample_file_bytes) {
        error = "larger than " + std::to_string(max_sample_file_bytes) + " bytes";
        return false;
    }
    std::ifstream in(file, std::ios::binary);
    text.assign(std::istreambuf_iterator<char>(in), {});
    if (!in && !in.eof()) {
        error = "cannot read";
        return false;
    }
    return true;
}

bool read_json(const std::filesystem::path& file, boost::json::value& jv, std::string& error) {
    std::string text;
    return read_text(file, text, error) && parse_json_strict(text, jv, error);
}

} // namespace

bool load_sample_content(const std::filesystem::path& dir, store::ContentSet& out,
                         std::string& error) {
    store::ContentSet content;
    auto fail = [&](const std::filesystem::path& file, const std::string& why) {
        error = file.string() + ": " + why;
        return false;
    };

    std::vector<std::filesystem::path> forms;
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator(dir / "forms", ec)) {
        if (entry.is_regular_file() && entry.path().extension() == ".json") {
            forms.push_back(entry.path());
        }
    }
    if (ec) {
        return fail(dir / "forms", "cannot list: " + ec.message());
    }
    // Name order, so every run (and every test) sees the forms the same way.
    std::sort(forms.begin(), forms.end());
    for (const auto& file : forms) {
        boost::json::value jv;
        std::string why;
        FormVersion f;
        if (!read_json(file, jv, why) || !parse_form_version(jv, f, why)) {
            return fail(file, why);
        }
        content.forms.push_back(std::move(f));
    }
    if (content.forms.empty()) {
        return fail(dir / "forms", "no sample forms");
    }

    boost::json::value jv;
    std::string why;
    if (!read_json(dir / "help.json", jv, why) ||
        !parse_array(jv, content.help, parse_help_entry, why)) {
        return fail(dir / "help.json", why);
    }
    if (!read_json(dir / "you-said-we-did.json", jv, why) ||
        !parse_array(jv, content.you_said_we_did, parse_you_said_we_did, why)) {
        return fail(dir / "you-said-we-did.json", why);
    }
    if (!read_json(dir / "settings.json", jv, why) ||
        !content::parse_kiosk_settings(jv, content.settings, why)) {
        return fail(dir / "settings.json", why);
    }
    // Two example sites with opening hours: a content document holding only
    // sites, read by the same strict reader as `content import`.
    {
        std::string text;
        cli::ContentDocument doc;
        if (!read_text(dir / "sites.json", text, why) ||
            !cli::read_content_document(text, doc, why)) {
            return fail(dir / "sites.json", why);
        }
        content.sites = std::move(doc.sites);
    }
    out = std::move(content);
    return true;
}

std::filesystem::path sample_dir(std::string& error) {
    auto found = find_asset("sample");
    if (!found) {
        error = found.error;
    }
    return found.path;
}

bool load_sample_content(store::ContentSet& out, std::string& error) {
    const auto dir = sample_dir(error);
    return !dir.empty() && load_sample_content(dir, out, error);
}

} // namespace engage::sample
