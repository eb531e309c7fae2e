#include "web/render.hpp"

#include "engage/strict_json.hpp"

#include <boost/json.hpp>
#include <kainjow/mustache.hpp>
#include <stdexcept>
#include <variant>

namespace engage::web {

// A file of assets/web/, embedded by engage_embed (admin-server/CMakeLists.txt).
std::string_view embedded_web_file(std::string_view name);

namespace {
using Data = kainjow::mustache::data;
} // namespace

struct View::Node {
    std::variant<std::string, bool, View, std::vector<View>> value;
};

View& View::set(std::string name, std::string value) {
    entries_.emplace_back(std::move(name), std::make_shared<const Node>(Node{std::move(value)}));
    return *this;
}

View& View::flag(std::string name, bool value) {
    entries_.emplace_back(std::move(name), std::make_shared<const Node>(Node{value}));
    return *this;
}

View& View::child(std::string name, View value) {
    entries_.emplace_back(std::move(name), std::make_shared<const Node>(Node{std::move(value)}));
    return *this;
}

View& View::add(std::string name, View item) {
    for (auto& [n, node] : entries_) {
        if (n == name) {
            if (const auto* list = std::get_if<std::vector<View>>(&node->value)) {
                auto grown = *list;
                grown.push_back(std::move(item));
                node = std::make_shared<const Node>(Node{std::move(grown)});
                return *this;
            }
        }
    }
    entries_.emplace_back(std::move(name),
                          std::make_shared<const Node>(Node{std::vector<View>{std::move(item)}}));
    return *this;
}

namespace {

Data to_data(const View& view);

struct ToData {
    // An empty text is false: kainjow opens `{{#name}}` for every string,
    // the empty one too, so an empty error text marked its field invalid.
    // False renders as nothing in `{{name}}`, as the empty text did, and
    // still hides an outer view's `name` from a nested section.
    Data operator()(const std::string& s) const { return s.empty() ? Data{false} : Data{s}; }
    Data operator()(bool b) const { return Data{b}; }
    Data operator()(const View& v) const { return to_data(v); }
    Data operator()(const std::vector<View>& items) const {
        Data list{Data::type::list};
        for (const auto& item : items) {
            list.push_back(to_data(item));
        }
        return list;
    }
};

} // namespace

class ViewAccess {
public:
    static Data convert(const View& view);
};

namespace {
Data to_data(const View& view) {
    return ViewAccess::convert(view);
}
} // namespace

std::string_view Renderer::static_file(std::string_view name) {
    return embedded_web_file("static/" + std::string(name));
}

namespace {

// Adds the catalogue `text`'s words to `words`, replacing those there.
void load_words(std::string_view text, std::string_view language,
                std::map<std::string, std::string, std::less<>>& words) {
    boost::json::value jv;
    std::string error;
    if (text.empty() || !parse_json_strict(text, jv, error) || !jv.is_object()) {
        throw std::runtime_error("the web catalogue for '" + std::string(language) +
                                 "' does not load: " + error);
    }
    for (const auto& [key, value] : jv.as_object()) {
        if (value.is_string()) {
            words.insert_or_assign(std::string(key), std::string(value.as_string()));
        }
    }
}

// A language tag a catalogue file may be named after: letters and '-' only
// (a header's text never reaches a file name otherwise).
bool plain_tag(std::string_view tag) {
    if (tag.empty() || tag.size() > 16) {
        return false;
    }
    for (const char ch : tag) {
        if (!((ch >= 'a' && ch <= 'z') || ch == '-')) {
            return false;
        }
    }
    return true;
}

} // namespace

Renderer::Renderer(std::string language)
    : Renderer(language, embedded_web_file("catalogue/en.json"),
               language == "en" ? std::string_view{}
                                : embedded_web_file("catalogue/" + language + ".json")) {
    if (language != "en" && !has_catalogue(language)) {
        throw std::runtime_error("no web catalogue for '" + language + "'");
    }
}

Renderer::Renderer(std::string language, std::string_view english_json,
                   std::string_view language_json)
    : language_(std::move(language)) {
    load_words(english_json, "en", words_);
    if (!language_json.empty()) {
        load_words(language_json, language_, words_);
    }
}

bool Renderer::has_catalogue(std::string_view language) {
    return plain_tag(language) &&
           !embedded_web_file("catalogue/" + std::string(language) + ".json").empty();
}

std::string Renderer::choose_language(std::string_view accept_language) {
    std::string best = "en";
    double best_q = 0.0;
    std::size_t start = 0;
    while (start < accept_language.size()) {
        auto end = accept_language.find(',', start);
        if (end == std::string_view::npos) {
            end = accept_language.size();
        }
        std::string_view item = accept_language.substr(start, end - start);
        start = end + 1;
        double q = 1.0;
        if (const auto semi = item.find(';'); semi != std::string_view::npos) {
            const auto qat = item.find("q=", semi);
            if (qat != std::string_view::npos) {
                try {
                    q = std::stod(std::string(item.substr(qat + 2)));
                } catch (const std::exception&) {
                    q = 0.0;
                }
            }
            item = item.substr(0, semi);
        }
        while (!item.empty() && item.front() == ' ') {
            item.remove_prefix(1);
        }
        while (!item.empty() && item.back() == ' ') {
            item.remove_suffix(1);
        }
        std::string tag;
        for (const char ch : item) {
            tag += (ch >= 'A' && ch <= 'Z') ? static_cast<char>(ch - 'A' + 'a') : ch;
        }
        // "pl-PL" is served by pl.json when there is no pl-pl.json.
        for (std::string t = tag; !t.empty();) {
            if (q > best_q && has_catalogue(t)) {
                best = t;
                best_q = q;
                break;
            }
            const auto dash = t.rfind('-');
            t = dash == std::string::npos ? std::string() : t.substr(0, dash);
        }
    }
    return best;
}

Renderer::~Renderer() = default;

std::string Renderer::word(std::string_view key) const {
    const auto it = words_.find(key);
    return it == words_.end() ? std::string(key) : it->second;
}

std::string Renderer::page(std::string_view name, const View& view, const Frame& frame) const {
    Data words;
    for (const auto& [key, value] : words_) {
        words.set(key, Data{value});
    }
    Data body = ViewAccess::convert(view);
    body.set("t", words);
    kainjow::mustache::mustache page_template{
        std::string(embedded_web_file("templates/" + std::string(name) + ".mustache"))};
    if (!page_template.is_valid()) {
        throw std::runtime_error("template " + std::string(name) + ": " +
                                 page_template.error_message());
    }
    const std::string content = page_template.render(body);

    Data layout;
    layout.set("t", words);
    layout.set("lang", Data{language_});
    layout.set("title", Data{frame.title});
    layout.set("content", Data{content});
    layout.set("signed_in", Data{!frame.user.empty()});
    layout.set("user", Data{frame.user});
    layout.set("csrf", Data{frame.csrf});
    layout.set("demo_banner", Data{frame.demo_banner});
    layout.set("safeguarding", Data{frame.safeguarding});
    layout.set("has_safeguarding", Data{!frame.safeguarding.empty()}); // a string is always "true"
    bool admin = false;
    bool drafter = false; // staff, or board members drafting polls
    bool staff = false;
    bool results = false; // board, staff, admin (issue 10)
    bool coordinator = false;
    for (const auto& r : frame.roles) {
        coordinator = coordinator || r == "coordinator";
        admin = admin || r == "admin";
        drafter = drafter || r == "staff" || r == "board";
        staff = staff || r == "staff";
        results = results || r == "board" || r == "staff" || r == "admin";
    }
    // The nav shows only what this person's roles allow.
    Data nav{Data::type::list};
    auto link = [&](const std::string& path, const std::string& key) {
        Data item;
        item.set("path", Data{path});
        item.set("label", Data{word(key)});
        item.set("current", Data{frame.current == path});
        nav.push_back(item);
    };
    if (!frame.user.empty()) {
        link("/", "nav_home");
        if (drafter) {
            link("/forms", "nav_forms");
        }
        if (staff) {
            link("/moderation", "nav_moderation");
        }
        if (staff || admin) {
            link("/help", "nav_help");
            link("/you-said-we-did", "nav_you_said");
        }
        if (results) {
            link("/results", "nav_results");
            link("/reports", "nav_reports");
            link("/decisions", "nav_decisions");
        }
        if (coordinator) {
            link("/signups", "nav_signups");
        }
        if (admin) {
            link("/users", "nav_users");
            link("/kiosks", "nav_kiosks");
            link("/sites", "nav_sites");
            link("/settings/signups", "nav_signup_settings");
            link("/audit", "nav_audit");
        }
    }
    layout.set("nav", nav);
    kainjow::mustache::mustache layout_template{
        std::string(embedded_web_file("templates/layout.mustache"))};
    if (!layout_template.is_valid()) {
        throw std::runtime_error("template layout: " + layout_template.error_message());
    }
    return layout_template.render(layout);
}

Data ViewAccess::convert(const View& view) {
    Data d;
    for (const auto& [name, node] : view.entries_) {
        d.set(name, std::visit(ToData{}, node->value));
    }
    return d;
}

} // namespace engage::web
