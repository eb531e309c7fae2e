#include "sample/sample_content.hpp"

#include "cli/content_document.hpp"
#include "content/settings_json.hpp"
#include "engage/strict_json.hpp"

#include <boost/json.hpp>

namespace engage::sample {
namespace {

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

} // namespace

bool load_sample_content(store::ContentSet& out, std::string& error) {
    store::ContentSet content;
    bool have_settings = false;
    for (const auto& file : embedded_files()) {
        boost::json::value jv;
        std::string why;
        bool ok = parse_json_strict(file.text, jv, why);
        if (ok) {
            if (file.name.starts_with("forms/")) {
                FormVersion f;
                ok = parse_form_version(jv, f, why);
                content.forms.push_back(std::move(f));
            } else if (file.name == "help.json") {
                ok = parse_array(jv, content.help, parse_help_entry, why);
            } else if (file.name == "you-said-we-did.json") {
                ok = parse_array(jv, content.you_said_we_did, parse_you_said_we_did, why);
            } else if (file.name == "sites.json") {
                // A content document holding only sites: read by the same
                // strict reader as `content import`.
                cli::ContentDocument doc;
                ok = cli::read_content_document(file.text, doc, why);
                content.sites = std::move(doc.sites);
            } else if (file.name == "settings.json") {
                ok = content::parse_kiosk_settings(jv, content.settings, why);
                have_settings = true;
            } else {
                ok = false;
                why = "unexpected file in sample content";
            }
        }
        if (!ok) {
            error = "sample/" + std::string(file.name) + ": " + why;
            return false;
        }
    }
    if (content.forms.empty() || !have_settings) {
        error = "sample content is incomplete (no forms or no settings.json)";
        return false;
    }
    out = std::move(content);
    return true;
}

} // namespace engage::sample
