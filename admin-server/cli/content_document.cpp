#include "cli/content_document.hpp"

#include "content/settings_json.hpp"
#include "engage/limits.hpp"
#include "engage/strict_json.hpp"

#include <boost/json.hpp>
#include <map>
#include <set>
#include <span>

namespace engage::cli {
namespace {

using boost::json::array;
using boost::json::object;
using boost::json::value;

void indent(std::string& out, int depth) {
    out.append(static_cast<std::size_t>(depth) * 2, ' ');
}

// Two-space indented JSON. Object keys stay in the order the writers put
// them, which is fixed, so the same content always gives the same bytes.
void write_pretty(const value& v, std::string& out, int depth) {
    if (const auto* o = v.if_object(); o != nullptr && !o->empty()) {
        out += "{\n";
        bool first = true;
        for (const auto& [key, item] : *o) {
            if (!first) {
                out += ",\n";
            }
            first = false;
            indent(out, depth + 1);
            out += boost::json::serialize(value(key));
            out += ": ";
            write_pretty(item, out, depth + 1);
        }
        out += "\n";
        indent(out, depth);
        out += "}";
    } else if (const auto* a = v.if_array(); a != nullptr && !a->empty()) {
        out += "[\n";
        bool first = true;
        for (const auto& item : *a) {
            if (!first) {
                out += ",\n";
            }
            first = false;
            indent(out, depth + 1);
            write_pretty(item, out, depth + 1);
        }
        out += "\n";
        indent(out, depth);
        out += "]";
    } else {
        out += boost::json::serialize(v);
    }
}

using Keys = std::span<const std::string_view>;

// Core's readers ignore keys they do not know (the store may keep metadata
// beside a form), but a person's file with a misspelt key must not lose
// that field silently. These lists follow the writers in engage/form.hpp and
// engage/content.hpp; a field added there must be added here.
constexpr std::string_view top_keys[] = {
    "engage_content", "forms", "help", "you_said_we_did", "settings", "translation_marks", "sites"};
constexpr std::string_view mark_keys[] = {"form",  "version", "string", "language",
                                          "state", "by",      "at"};
constexpr std::string_view site_keys[] = {"slug", "name", "address", "hours", "languages"};
// As the Sites page allows (web/page_sites.cpp): a few lines of address.
constexpr std::size_t max_site_address_bytes = 500;
constexpr std::string_view form_keys[] = {"slug",  "kind",  "version", "status", "title",
                                          "intro", "opens", "closes",  "sites",  "questions"};
constexpr std::string_view question_keys[] = {"id",   "type",        "text",    "easy",
                                              "icon", "demographic", "options", "max_length"};
constexpr std::string_view option_keys[] = {"id", "text", "easy", "icon"};
constexpr std::string_view help_keys[] = {"id",    "name", "what",    "hours",
                                          "phone", "url",  "example", "sites"};
constexpr std::string_view yswd_keys[] = {"id", "you_said", "we_did", "sites"};
constexpr std::string_view settings_keys[] = {"inactivity_seconds", "countdown_seconds",
                                              "languages"};

bool only_known(const object& o, Keys known, const std::string& where, std::string& error) {
    for (const auto& [key, item] : o) {
        bool found = false;
        for (const auto k : known) {
            found = found || k == key;
        }
        if (!found) {
            error = where + ": unknown field \"" + std::string(key) + "\"";
            return false;
        }
    }
    return true;
}

std::string string_field(const object& o, std::string_view key) {
    const auto* v = o.if_contains(key);
    return v != nullptr && v->is_string() ? std::string(v->get_string()) : std::string();
}

// "forms[2] (\"day-centre\" version 3)": where an item is in the file and what it is.
std::string form_where(std::size_t index, const object& o) {
    std::string where = "forms[" + std::to_string(index) + "]";
    const auto slug = string_field(o, "slug");
    if (!slug.empty()) {
        where += " (\"" + slug + "\"";
        if (const auto* v = o.if_contains("version"); v != nullptr && v->is_int64()) {
            where += " version " + std::to_string(v->get_int64());
        }
        where += ")";
    }
    return where;
}

bool check_form_fields(const object& form, const std::string& where, std::string& error) {
    if (!only_known(form, form_keys, where, error)) {
        return false;
    }
    const auto* qs = form.if_contains("questions");
    if (qs == nullptr || !qs->is_array()) {
        return true; // parse_form_version names the wrong type
    }
    std::size_t qi = 0;
    for (const auto& qv : qs->get_array()) {
        const auto* q = qv.if_object();
        if (q == nullptr) {
            ++qi;
            continue;
        }
        const auto id = string_field(*q, "id");
        // Built in steps: GCC 12 warns falsely (-Wrestrict) on "#" + to_string().
        std::string qwhere = where + " question ";
        if (id.empty()) {
            qwhere += '#';
            qwhere += std::to_string(qi);
        } else {
            qwhere += id;
        }
        if (!only_known(*q, question_keys, qwhere, error)) {
            return false;
        }
        if (const auto* opts = q->if_contains("options"); opts != nullptr && opts->is_array()) {
            for (const auto& ov : opts->get_array()) {
                if (const auto* opt = ov.if_object();
                    opt != nullptr &&
                    !only_known(*opt, option_keys, qwhere + " option " + string_field(*opt, "id"),
                                error)) {
                    return false;
                }
            }
        }
        ++qi;
    }
    return true;
}

// The array `key` of the document, or null when the section is missing.
const array* section(const object& doc, std::string_view key, std::string& error, bool& ok) {
    const auto* v = doc.if_contains(key);
    if (v == nullptr) {
        return nullptr;
    }
    if (!v->is_array()) {
        error = "\"" + std::string(key) + "\" must be an array";
        ok = false;
        return nullptr;
    }
    return &v->get_array();
}

bool read_forms(const object& doc, std::vector<FormVersion>& out, std::string& error) {
    bool ok = true;
    const auto* forms = section(doc, "forms", error, ok);
    if (forms == nullptr) {
        return ok;
    }
    std::set<std::pair<std::string, int>> seen;
    std::map<std::string, FormKind> kinds;
    for (std::size_t i = 0; i < forms->size(); ++i) {
        const auto* o = (*forms)[i].if_object();
        const auto where = o != nullptr ? form_where(i, *o) : "forms[" + std::to_string(i) + "]";
        if (o == nullptr) {
            error = where + ": a form must be a JSON object";
            return false;
        }
        if (!check_form_fields(*o, where, error)) {
            return false;
        }
        FormVersion f;
        std::string why;
        if (!parse_form_version(*o, f, why)) {
            error = where + ": " + why;
            return false;
        }
        if (!seen.emplace(f.slug, f.version).second) {
            error = where + ": version " + std::to_string(f.version) + " of \"" + f.slug +
                    "\" is in the file twice";
            return false;
        }
        if (const auto [it, added] = kinds.emplace(f.slug, f.kind);
            !added && it->second != f.kind) {
            error = where + ": \"kind\" is " + std::string(to_string(f.kind)) +
                    " but another version of \"" + f.slug + "\" is " +
                    std::string(to_string(it->second));
            return false;
        }
        out.push_back(std::move(f));
    }
    return true;
}

template <typename Item, typename Parse>
bool read_items(const object& doc, std::string_view key, Keys known, Parse parse,
                std::vector<Item>& out, std::string& error) {
    bool ok = true;
    const auto* items = section(doc, key, error, ok);
    if (items == nullptr) {
        return ok;
    }
    std::set<std::string> seen;
    for (std::size_t i = 0; i < items->size(); ++i) {
        std::string where = std::string(key) + "[" + std::to_string(i) + "]";
        const auto* o = (*items)[i].if_object();
        if (o == nullptr) {
            error = where + ": must be a JSON object";
            return false;
        }
        if (const auto id = string_field(*o, "id"); !id.empty()) {
            where += " (\"" + id + "\")";
        }
        if (!only_known(*o, known, where, error)) {
            return false;
        }
        Item item;
        std::string why;
        if (!parse(*o, item, why)) {
            error = where + ": " + why;
            return false;
        }
        if (!seen.insert(item.id).second) {
            error = where + ": the id \"" + item.id + "\" is in the file twice";
            return false;
        }
        out.push_back(std::move(item));
    }
    return true;
}

value site_to_json(const store::Site& site) {
    object o;
    o["slug"] = site.slug;
    o["name"] = site.name;
    o["address"] = site.address;
    o["hours"] = boost::json::value_from(site.hours);
    array languages;
    for (const auto& l : site.languages) {
        languages.emplace_back(boost::json::string(l));
    }
    o["languages"] = std::move(languages);
    return o;
}

bool read_sites(const object& doc, std::vector<store::Site>& out, std::string& error) {
    bool ok = true;
    const auto* items = section(doc, "sites", error, ok);
    if (items == nullptr) {
        return ok;
    }
    std::set<std::string> seen;
    for (std::size_t i = 0; i < items->size(); ++i) {
        std::string where = "sites[" + std::to_string(i) + "]";
        const auto* o = (*items)[i].if_object();
        if (o == nullptr) {
            error = where + ": must be a JSON object";
            return false;
        }
        store::Site site;
        site.slug = string_field(*o, "slug");
        if (!site.slug.empty()) {
            where += " (\"" + site.slug + "\")";
        }
        if (!only_known(*o, site_keys, where, error)) {
            return false;
        }
        if (site.slug.empty() || site.slug.size() > limits::max_id_bytes) {
            error = where + ": \"slug\" must be a string of 1 to " +
                    std::to_string(limits::max_id_bytes) + " bytes";
            return false;
        }
        site.name = string_field(*o, "name");
        if (site.name.empty() || site.name.size() > limits::max_site_name_bytes) {
            error = where + ": \"name\" must be a string of 1 to " +
                    std::to_string(limits::max_site_name_bytes) + " bytes";
            return false;
        }
        if (const auto* a = o->if_contains("address"); a != nullptr && !a->is_string()) {
            error = where + ": \"address\" must be a string";
            return false;
        }
        site.address = string_field(*o, "address");
        if (site.address.size() > max_site_address_bytes) {
            error = where + ": \"address\" is longer than " +
                    std::to_string(max_site_address_bytes) + " bytes";
            return false;
        }
        const auto* hours = o->if_contains("hours");
        std::string why;
        if (hours == nullptr || !parse_site_hours(*hours, site.hours, why)) {
            error = where + ": " + (hours == nullptr ? "\"hours\" is missing" : why);
            return false;
        }
        if (const auto* l = o->if_contains("languages")) {
            const auto* arr = l->if_array();
            if (arr == nullptr || arr->size() > limits::max_languages) {
                error = where + ": \"languages\" must be a list of up to " +
                        std::to_string(limits::max_languages) + " language codes";
                return false;
            }
            for (const auto& code : *arr) {
                if (!code.is_string() || code.get_string().empty() ||
                    code.get_string().size() > limits::max_id_bytes) {
                    error = where + ": each of \"languages\" must be a language code";
                    return false;
                }
                site.languages.emplace_back(code.get_string());
            }
        }
        if (!seen.insert(site.slug).second) {
            error = where + ": the slug \"" + site.slug + "\" is in the file twice";
            return false;
        }
        out.push_back(std::move(site));
    }
    return true;
}

} // namespace

std::string write_content_document(const ContentDocument& doc) {
    object o;
    o["engage_content"] = content_document_format;
    array forms;
    for (const auto& f : doc.forms) {
        forms.push_back(boost::json::value_from(f));
    }
    o["forms"] = std::move(forms);
    array help;
    for (const auto& h : doc.help) {
        help.push_back(boost::json::value_from(h));
    }
    o["help"] = std::move(help);
    array yswd;
    for (const auto& y : doc.you_said_we_did) {
        yswd.push_back(boost::json::value_from(y));
    }
    o["you_said_we_did"] = std::move(yswd);
    o["settings"] = content::kiosk_settings_to_json(doc.settings.value_or(KioskSettings{}));
    array marks;
    for (const auto& m : doc.translation_marks) {
        marks.push_back(object{{"form", m.form},
                               {"version", m.version},
                               {"string", m.string},
                               {"language", m.language},
                               {"state", m.state},
                               {"by", m.by},
                               {"at", m.at}});
    }
    o["translation_marks"] = std::move(marks);
    array sites;
    for (const auto& site : doc.sites) {
        sites.push_back(site_to_json(site));
    }
    o["sites"] = std::move(sites);
    std::string out;
    write_pretty(o, out, 0);
    out += "\n";
    return out;
}

bool read_content_document(std::string_view text, ContentDocument& out, std::string& error) {
    value jv;
    std::string why;
    if (!parse_json_strict(text, jv, why)) {
        error = "not valid JSON: " + why;
        return false;
    }
    const auto* doc = jv.if_object();
    if (doc == nullptr) {
        error = "the document must be a JSON object with \"engage_content\": " +
                std::to_string(content_document_format);
        return false;
    }
    const auto* format = doc->if_contains("engage_content");
    if (format == nullptr || !format->is_int64() || format->get_int64() < 1) {
        error = "\"engage_content\" must be the format number (" +
                std::to_string(content_document_format) +
                "); is this an export of engage-admin content?";
        return false;
    }
    if (format->get_int64() > content_document_format) {
        error = "\"engage_content\" is " + std::to_string(format->get_int64()) +
                ", newer than this engage-admin reads (" + std::to_string(content_document_format) +
                "); use a newer engage-admin";
        return false;
    }
    if (!only_known(*doc, top_keys, "the document", error)) {
        return false;
    }
    ContentDocument d;
    if (!read_forms(*doc, d.forms, error) ||
        !read_items<HelpEntry>(*doc, "help", help_keys, parse_help_entry, d.help, error) ||
        !read_items<YouSaidWeDid>(*doc, "you_said_we_did", yswd_keys, parse_you_said_we_did,
                                  d.you_said_we_did, error) ||
        !read_sites(*doc, d.sites, error)) {
        return false;
    }
    if (const auto* s = doc->if_contains("settings")) {
        const auto* so = s->if_object();
        if (so == nullptr) {
            error = "\"settings\" must be a JSON object";
            return false;
        }
        if (!only_known(*so, settings_keys, "settings", error)) {
            return false;
        }
        KioskSettings settings;
        if (!content::parse_kiosk_settings(*s, settings, why)) {
            error = "settings: " + why;
            return false;
        }
        d.settings = std::move(settings);
    }
    if (const auto* m = doc->if_contains("translation_marks")) {
        const auto* list = m->if_array();
        if (list == nullptr) {
            error = "\"translation_marks\" must be a JSON array";
            return false;
        }
        for (std::size_t i = 0; i < list->size(); ++i) {
            const std::string where = "translation_marks[" + std::to_string(i) + "]";
            const auto* mo = (*list)[i].if_object();
            if (mo == nullptr) {
                error = where + " must be a JSON object";
                return false;
            }
            if (!only_known(*mo, mark_keys, where, error)) {
                return false;
            }
            store::TranslationMark mark;
            mark.form = string_field(*mo, "form");
            mark.string = string_field(*mo, "string");
            mark.language = string_field(*mo, "language");
            mark.state = string_field(*mo, "state");
            mark.by = string_field(*mo, "by");
            const auto* version = mo->if_contains("version");
            const auto* at = mo->if_contains("at");
            if (mark.form.empty() || mark.string.empty() || mark.language.empty() ||
                mark.by.empty() || version == nullptr || !version->is_int64() ||
                version->get_int64() < 1 || at == nullptr || !at->is_int64()) {
                error = where + ": needs \"form\", \"version\" (1 or more), \"string\", "
                                "\"language\", \"by\" and \"at\"";
                return false;
            }
            if (mark.state != "none" && mark.state != "needs_review" && mark.state != "reviewed") {
                error = where + ": \"state\" must be \"none\", \"needs_review\" or \"reviewed\"";
                return false;
            }
            mark.version = version->get_int64();
            mark.at = at->get_int64();
            d.translation_marks.push_back(std::move(mark));
        }
    }
    out = std::move(d);
    return true;
}

} // namespace engage::cli
