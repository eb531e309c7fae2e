// The help-now directory and "you said, we did" (issue 9), edited the same
// way: a list in the order kiosks show it (Move up / Move down, never
// dragging: WCAG 2.5.7), add, edit, translate, and delete behind a
// confirmation page (a crisis line must never go by one mistaken click).
// Every item is for every site or for the sites ticked. Each save writes
// the whole list (Store::replace_help_entries / replace_you_said_we_did),
// replaces the running server's content cache at once, so kiosks download
// the change on their next poll, and goes in the audit log.
#include "engage/help_contact.hpp"
#include "engage/limits.hpp"
#include "web/pages.hpp"
#include "web/text_join.hpp"
#include "web/translation_table.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <type_traits>

namespace engage::web {
namespace {

using Errors = std::map<std::string, std::string, std::less<>>; // field id -> message

// What differs between the two lists; the pages below are the same for both.
template <class Item>
struct Kind;

template <>
struct Kind<HelpEntry> {
    static constexpr std::string_view base = "/help";
    static constexpr std::string_view audit = "help";
    static constexpr std::string_view edit_template = "help_edit";
    static constexpr std::string_view list_title = "title_help";
    static constexpr std::string_view edit_title = "title_help_edit";
    static constexpr std::string_view new_title = "title_help_new";
    static constexpr std::string_view delete_title = "title_help_delete";
    static constexpr std::string_view translations_title = "title_help_translations";
    static std::vector<HelpEntry>& list(store::ContentSnapshot& s) { return s.help; }
    static void save(store::Store& store, const std::vector<HelpEntry>& items) {
        store.replace_help_entries(items);
    }
    static std::string label(const HelpEntry& h) { return h.name.get(fallback_language); }
    static std::vector<TranslatableText> texts(HelpEntry& h) {
        std::vector<TranslatableText> out;
        for (auto [name, text] : {std::pair{"name", &h.name}, std::pair{"what", &h.what},
                                  std::pair{"hours", &h.hours}}) {
            if (text->has(fallback_language)) {
                out.push_back({name, text});
            }
        }
        return out;
    }
    static void fill(View& v, const HelpEntry& h) {
        v.set("name", h.name.get(fallback_language));
        v.set("what", h.what.has(fallback_language) ? h.what.get(fallback_language) : "");
        v.set("hours", h.hours.has(fallback_language) ? h.hours.get(fallback_language) : "");
        v.set("phone", h.phone);
        v.set("url", h.url);
        v.flag("example", h.example);
    }
    static Errors read(const Context& c, const Fields& form, HelpEntry& h) {
        set_english(h.name, field(form, "name"));
        set_english(h.what, field(form, "what"));
        set_english(h.hours, field(form, "hours"));
        h.phone = trimmed(field(form, "phone"));
        h.url = trimmed(field(form, "url"));
        h.example = field(form, "example") == "on";
        Errors errors;
        for (const auto& p : check_help_entry(h)) {
            static const std::map<HelpProblem, std::string_view> keys = {
                {HelpProblem::name_missing, "error_help_name"},
                {HelpProblem::phone_not_dialable, "error_help_phone"},
                {HelpProblem::url_not_web, "error_help_url"},
                {HelpProblem::no_way_to_reach, "error_help_no_contact"}};
            errors.emplace(p.field, c.renderer.word(keys.at(p.problem)));
        }
        return errors;
    }
    static void set_english(LocalisedText& t, std::string text) {
        text = trimmed(text);
        if (text.empty()) {
            t.by_language.erase(std::string(fallback_language));
        } else {
            t.by_language[std::string(fallback_language)] = std::move(text);
        }
    }
    static std::string trimmed(std::string_view s) {
        const auto first = s.find_first_not_of(" \t\r\n");
        if (first == std::string_view::npos) {
            return {};
        }
        const auto last = s.find_last_not_of(" \t\r\n");
        return std::string(s.substr(first, last - first + 1));
    }
};

template <>
struct Kind<YouSaidWeDid> {
    static constexpr std::string_view base = "/you-said-we-did";
    static constexpr std::string_view audit = "you_said";
    static constexpr std::string_view edit_template = "you_said_edit";
    static constexpr std::string_view list_title = "title_you_said";
    static constexpr std::string_view edit_title = "title_you_said_edit";
    static constexpr std::string_view new_title = "title_you_said_new";
    static constexpr std::string_view delete_title = "title_you_said_delete";
    static constexpr std::string_view translations_title = "title_you_said_translations";
    static std::vector<YouSaidWeDid>& list(store::ContentSnapshot& s) { return s.you_said_we_did; }
    static void save(store::Store& store, const std::vector<YouSaidWeDid>& items) {
        store.replace_you_said_we_did(items);
    }
    static std::string label(const YouSaidWeDid& y) { return y.you_said.get(fallback_language); }
    static std::vector<TranslatableText> texts(YouSaidWeDid& y) {
        std::vector<TranslatableText> out;
        for (auto [name, text] :
             {std::pair{"you_said", &y.you_said}, std::pair{"we_did", &y.we_did}}) {
            if (text->has(fallback_language)) {
                out.push_back({name, text});
            }
        }
        return out;
    }
    static void fill(View& v, const YouSaidWeDid& y) {
        if (const auto decision = decision_of_kiosk_item(y.id)) {
            std::string link = "/decisions/"; // its English words are edited there
            link += std::to_string(*decision);
            v.set("decision", link);
        }
        v.set("you_said",
              y.you_said.has(fallback_language) ? y.you_said.get(fallback_language) : "");
        v.set("we_did", y.we_did.has(fallback_language) ? y.we_did.get(fallback_language) : "");
    }
    static Errors read(const Context& c, const Fields& form, YouSaidWeDid& y) {
        Kind<HelpEntry>::set_english(y.you_said, field(form, "you_said"));
        Kind<HelpEntry>::set_english(y.we_did, field(form, "we_did"));
        Errors errors;
        if (!y.you_said.has(fallback_language)) {
            errors.emplace("you_said", c.renderer.word("error_you_said"));
        }
        if (!y.we_did.has(fallback_language)) {
            errors.emplace("we_did", c.renderer.word("error_we_did"));
        }
        return errors;
    }
};

template <class Item>
std::string item_path(const Item& item, std::string_view tail = {}) {
    return cat(Kind<Item>::base, "/", url_encode(item.id), tail);
}

// Where in `items` the item with `id` is, or items.size().
template <class Item>
std::size_t index_of(const std::vector<Item>& items, std::string_view id) {
    std::size_t i = 0;
    while (i < items.size() && items[i].id != id) {
        ++i;
    }
    return i;
}

// A new item's id from its English words: a-z, 0-9 and '-', unique in the
// list, never one of the list's own paths ("new", "move").
template <class Item>
std::string new_id(const std::vector<Item>& items, std::string_view words) {
    // 40 bytes: readable in the audit log and exports, well under max_id_bytes.
    constexpr std::size_t longest = 40;
    static_assert(longest + 8 <= limits::max_id_bytes, "room for a -N suffix");
    std::string base;
    for (const char ch : words) {
        const auto b = static_cast<unsigned char>(ch);
        if (base.size() >= longest) {
            break;
        }
        if ((b >= 'a' && b <= 'z') || (b >= '0' && b <= '9')) {
            base += ch;
        } else if (b >= 'A' && b <= 'Z') {
            base += static_cast<char>(b - 'A' + 'a');
        } else if (!base.empty() && base.back() != '-') {
            base += '-';
        }
    }
    while (!base.empty() && base.back() == '-') {
        base.pop_back();
    }
    if (base.empty() || base == "new" || base == "move") {
        base = "item";
    }
    std::string id = base;
    for (int n = 2; index_of(items, id) < items.size(); ++n) {
        id = base + "-" + std::to_string(n);
    }
    return id;
}

api::Response no_content(Context& c) {
    return c.message(404, "title_not_found", "error_not_found");
}

// Saves the whole list and hands kiosks the new generation at once.
template <class Item>
void save_list(Context& c, const std::vector<Item>& items, std::string_view action,
               const std::string& detail) {
    Kind<Item>::save(c.store, items);
    c.content->replace(c.store.load_content());
    c.accounts.audit(c.now, c.user->name, cat(Kind<Item>::audit, "_", action), detail);
}

std::string sites_text(const Context& c, const std::vector<std::string>& sites) {
    if (sites.empty()) {
        return c.renderer.word("forms_every_site");
    }
    std::string out;
    for (const auto& s : sites) {
        out.append(out.empty() ? "" : ", ").append(s);
    }
    return out;
}

// The editor page: the item's fields, the sites as checkboxes (the sites the
// store knows, plus any the item names already), and the problems found.
template <class Item>
api::Response editor(Context& c, const Item& item, bool is_new, const Errors& errors) {
    View v;
    v.set("csrf", c.csrf);
    v.set("action", is_new ? cat(Kind<Item>::base, "/new") : item_path(item));
    v.set("base", std::string(Kind<Item>::base));
    if (!is_new) {
        v.set("translations", item_path(item, "/translations"));
        v.set("delete", item_path(item, "/delete"));
    }
    Kind<Item>::fill(v, item);
    std::vector<std::string> sites = c.store.known_sites(c.now);
    for (const auto& s : item.sites) {
        if (std::find(sites.begin(), sites.end(), s) == sites.end()) {
            sites.push_back(s);
        }
    }
    for (std::size_t i = 0; i < sites.size(); ++i) {
        View s;
        s.set("i", std::to_string(i));
        s.set("name", sites[i]);
        s.flag("checked",
               std::find(item.sites.begin(), item.sites.end(), sites[i]) != item.sites.end());
        v.add("sites", std::move(s));
    }
    v.flag("has_errors", !errors.empty());
    for (const auto& [id, text] : errors) {
        View e;
        e.set("field", id);
        e.set("text", text);
        v.add("errors", std::move(e));
        v.set(id + "_error", text);
    }
    if (field(c.query, "done") == "saved") {
        v.set("notice", c.renderer.word("directory_done_saved"));
    }
    return c.page(errors.empty() ? 200 : 400, Kind<Item>::edit_template,
                  is_new ? Kind<Item>::new_title : Kind<Item>::edit_title, v);
}

template <class Item>
api::Response list_page(Context& c) {
    if (c.content == nullptr) {
        return no_content(c);
    }
    auto snapshot = c.store.load_content();
    const auto& items = Kind<Item>::list(snapshot);
    View v;
    v.set("csrf", c.csrf);
    v.set("base", std::string(Kind<Item>::base));
    v.set("intro", c.renderer.word(cat(Kind<Item>::audit, "_intro")));
    v.set("caption", c.renderer.word(cat(Kind<Item>::audit, "_caption")));
    v.set("add", c.renderer.word(cat(Kind<Item>::audit, "_add")));
    v.flag("empty", items.empty());
    for (std::size_t i = 0; i < items.size(); ++i) {
        View row;
        row.set("id", items[i].id);
        row.set("label", Kind<Item>::label(items[i]));
        row.set("link", item_path(items[i]));
        row.set("sites", sites_text(c, items[i].sites));
        row.flag("first", i == 0);
        row.flag("last", i + 1 == items.size());
        v.add("items", std::move(row));
    }
    const std::string done = field(c.query, "done");
    if (done == "deleted" || done == "moved") {
        v.set("notice", c.renderer.word("directory_done_" + done));
    }
    return c.page(200, "directory_list", Kind<Item>::list_title, v);
}

template <class Item>
api::Response new_page(Context& c) {
    if (c.content == nullptr) {
        return no_content(c);
    }
    return editor(c, Item{}, true, {});
}

template <class Item>
api::Response add_item(Context& c) {
    if (c.content == nullptr) {
        return no_content(c);
    }
    auto snapshot = c.store.load_content();
    auto& items = Kind<Item>::list(snapshot);
    Item item;
    const Errors errors = Kind<Item>::read(c, c.form, item);
    item.sites = posted_sites(c.form);
    if (!errors.empty()) {
        return editor(c, item, true, errors);
    }
    item.id = new_id(items, Kind<Item>::label(item));
    items.push_back(item);
    save_list(c, items, "add", item.id);
    return c.redirect(item_path(item, "?done=saved"));
}

template <class Item>
api::Response edit_page(Context& c) {
    if (c.content == nullptr) {
        return no_content(c);
    }
    auto snapshot = c.store.load_content();
    const auto& items = Kind<Item>::list(snapshot);
    const std::size_t i = index_of(items, c.path_param);
    if (i == items.size()) {
        return no_content(c);
    }
    return editor(c, items[i], false, {});
}

template <class Item>
api::Response save_item(Context& c) {
    if (c.content == nullptr) {
        return no_content(c);
    }
    auto snapshot = c.store.load_content();
    auto& items = Kind<Item>::list(snapshot);
    const std::size_t i = index_of(items, c.path_param);
    if (i == items.size()) {
        return no_content(c);
    }
    Item item = items[i]; // other languages are kept
    const Errors errors = Kind<Item>::read(c, c.form, item);
    item.sites = posted_sites(c.form);
    if (!errors.empty()) {
        return editor(c, item, false, errors);
    }
    items[i] = item;
    save_list(c, items, "save", item.id);
    return c.redirect(item_path(item, "?done=saved"));
}

template <class Item>
api::Response move_item(Context& c) {
    if (c.content == nullptr) {
        return no_content(c);
    }
    auto snapshot = c.store.load_content();
    auto& items = Kind<Item>::list(snapshot);
    const std::string id = field(c.form, "id");
    const std::string direction = field(c.form, "direction");
    const std::size_t i = index_of(items, id);
    if (i == items.size() || (direction != "up" && direction != "down")) {
        return c.message(400, "title_error", "error_not_found");
    }
    const bool up = direction == "up";
    // At the top or bottom already: nothing to save, the list is as asked.
    if ((up && i > 0) || (!up && i + 1 < items.size())) {
        std::swap(items[i], items[up ? i - 1 : i + 1]);
        save_list(c, items, "move", cat(id, " ", direction));
    }
    return c.redirect(cat(Kind<Item>::base, "?done=moved"));
}

template <class Item>
api::Response confirm_delete(Context& c, int status) {
    if (c.content == nullptr) {
        return no_content(c);
    }
    auto snapshot = c.store.load_content();
    const auto& items = Kind<Item>::list(snapshot);
    const std::size_t i = index_of(items, c.path_param);
    if (i == items.size()) {
        return no_content(c);
    }
    View v;
    v.set("csrf", c.csrf);
    v.set("label", Kind<Item>::label(items[i]));
    v.set("sites", sites_text(c, items[i].sites));
    v.set("action", item_path(items[i], "/delete"));
    v.set("back", item_path(items[i]));
    if (status != 200) {
        v.set("error", c.renderer.word("error_delete_unconfirmed"));
    }
    return c.page(status, "directory_delete", Kind<Item>::delete_title, v);
}

template <class Item>
api::Response delete_item(Context& c) {
    if (field(c.form, "confirm") != "yes") {
        // The box was not ticked: nothing deleted, the question asked again.
        return confirm_delete<Item>(c, 400);
    }
    if (c.content == nullptr) {
        return no_content(c);
    }
    auto snapshot = c.store.load_content();
    auto& items = Kind<Item>::list(snapshot);
    const std::size_t i = index_of(items, c.path_param);
    if (i == items.size()) {
        return no_content(c);
    }
    const std::string id = items[i].id;
    if constexpr (std::is_same_v<Item, YouSaidWeDid>) {
        if (end_decision_on_kiosks(c, id)) {
            return c.redirect(cat(Kind<Item>::base, "?done=deleted"));
        }
    }
    items.erase(items.begin() + static_cast<std::ptrdiff_t>(i));
    save_list(c, items, "delete", id);
    return c.redirect(cat(Kind<Item>::base, "?done=deleted"));
}

template <class Item>
api::Response translations_page(Context& c) {
    if (c.content == nullptr) {
        return no_content(c);
    }
    auto snapshot = c.store.load_content();
    auto& items = Kind<Item>::list(snapshot);
    const std::size_t i = index_of(items, c.path_param);
    if (i == items.size()) {
        return no_content(c);
    }
    View v;
    v.set("csrf", c.csrf);
    v.set("item", Kind<Item>::label(items[i]));
    v.set("caption", c.renderer.word("translations_caption_item"));
    v.set("back", c.renderer.word("directory_back_to_item"));
    if (add_translation_view(v, Kind<Item>::texts(items[i]), snapshot.settings.languages,
                             field(c.query, "lang"), item_path(items[i]))
            .empty()) {
        return no_content(c);
    }
    if (field(c.query, "done") == "saved") {
        v.set("notice", c.renderer.word("directory_done_translated"));
    }
    return c.page(200, "translations", Kind<Item>::translations_title, v);
}

template <class Item>
api::Response save_translations(Context& c) {
    if (c.content == nullptr) {
        return no_content(c);
    }
    auto snapshot = c.store.load_content();
    auto& items = Kind<Item>::list(snapshot);
    const std::size_t i = index_of(items, c.path_param);
    if (i == items.size()) {
        return no_content(c);
    }
    const std::string lang = field(c.form, "lang");
    if (!is_translation_language(snapshot.settings.languages, lang)) {
        return c.message(400, "title_error", "error_not_found");
    }
    read_translations(c.form, lang, Kind<Item>::texts(items[i]));
    save_list(c, items, "translate", cat(items[i].id, " ", lang));
    return c.redirect(
        item_path(items[i], cat("/translations?lang=", url_encode(lang), "&done=saved")));
}

} // namespace

// The ticked sites of a posted editor ("site-N" = name, in page order).
std::vector<std::string> posted_sites(const Fields& form) {
    std::vector<std::pair<int, std::string>> ticked;
    for (const auto& [name, value] : form) {
        if (name.starts_with("site-") && !value.empty() && value.size() <= limits::max_id_bytes) {
            ticked.emplace_back(std::atoi(name.c_str() + 5), value);
        }
    }
    std::sort(ticked.begin(), ticked.end());
    std::vector<std::string> out;
    for (auto& [n, s] : ticked) {
        if (std::find(out.begin(), out.end(), s) == out.end()) {
            out.push_back(std::move(s));
        }
    }
    return out;
}

api::Response help_list(Context& c) {
    return list_page<HelpEntry>(c);
}
api::Response help_new(Context& c) {
    return new_page<HelpEntry>(c);
}
api::Response help_add(Context& c) {
    return add_item<HelpEntry>(c);
}
api::Response help_edit(Context& c) {
    return edit_page<HelpEntry>(c);
}
api::Response help_save(Context& c) {
    return save_item<HelpEntry>(c);
}
api::Response help_move(Context& c) {
    return move_item<HelpEntry>(c);
}
api::Response help_confirm_delete(Context& c) {
    return confirm_delete<HelpEntry>(c, 200);
}
api::Response help_delete(Context& c) {
    return delete_item<HelpEntry>(c);
}
api::Response help_translations(Context& c) {
    return translations_page<HelpEntry>(c);
}
api::Response help_save_translations(Context& c) {
    return save_translations<HelpEntry>(c);
}

api::Response you_said_list(Context& c) {
    return list_page<YouSaidWeDid>(c);
}
api::Response you_said_new(Context& c) {
    return new_page<YouSaidWeDid>(c);
}
api::Response you_said_add(Context& c) {
    return add_item<YouSaidWeDid>(c);
}
api::Response you_said_edit(Context& c) {
    return edit_page<YouSaidWeDid>(c);
}
api::Response you_said_save(Context& c) {
    return save_item<YouSaidWeDid>(c);
}
api::Response you_said_move(Context& c) {
    return move_item<YouSaidWeDid>(c);
}
api::Response you_said_confirm_delete(Context& c) {
    return confirm_delete<YouSaidWeDid>(c, 200);
}
api::Response you_said_delete(Context& c) {
    return delete_item<YouSaidWeDid>(c);
}
api::Response you_said_translations(Context& c) {
    return translations_page<YouSaidWeDid>(c);
}
api::Response you_said_save_translations(Context& c) {
    return save_translations<YouSaidWeDid>(c);
}

} // namespace engage::web
