#pragma once
// Pages from Mustache templates (assets/web/templates/, embedded at
// build time) and words from a catalogue (assets/web/catalogue/en.json), so the
// web app can be translated like the kiosk. Keeps kainjow/mustache.hpp out
// of every other file (and out of the Beast TUs).
//
// Thread safety: a Renderer is immutable after construction; render() may
// be called from any thread.

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace engage::web {

// The values a page template sees, as a tree of strings, lists and objects.
// A small stand-in for mustache's data so pages need not include it.
// An empty string counts as absent in a section: `{{#name}}` stays closed
// and `{{^name}}` opens (as in mustache.js), so an error text set to ""
// marks nothing; unlike a name left out, it still hides an outer view's
// `name` from a nested section.
class View {
public:
    View() = default;
    View& set(std::string name, std::string value);
    View& flag(std::string name, bool value);
    View& child(std::string name, View value);
    // Appends `item` to the list `name` (made on first use).
    View& add(std::string name, View item);

private:
    friend class ViewAccess; // render.cpp turns a View into mustache data
    struct Node;
    std::vector<std::pair<std::string, std::shared_ptr<const Node>>> entries_;
};

// What the layout needs besides the page itself.
struct Frame {
    std::string title;              // already a catalogue word
    std::vector<std::string> roles; // the signed-in person's roles ("" when signed out)
    std::string user;               // "" when signed out
    std::string csrf;               // for the Sign out form
    bool demo_banner = false;       // the sample database's demo user signed in
    std::string safeguarding;       // "1 safeguarding concern needs a response"; "" when none
    std::string current;            // the page's path, for aria-current in the nav
};

class Renderer {
public:
    // Loads the embedded catalogue for `language` over English: a key the
    // language's catalogue lacks uses the English word (per key, so a
    // half-translated catalogue still gives whole pages). Throws when
    // either does not load.
    explicit Renderer(std::string language = "en");
    // The same from catalogue texts (JSON objects of strings): tests use a
    // catalogue of their own. `language_json` empty: English only.
    Renderer(std::string language, std::string_view english_json, std::string_view language_json);
    // True when catalogue/<language>.json is embedded ("en" always is).
    static bool has_catalogue(std::string_view language);
    // The best embedded catalogue for an Accept-Language header (RFC 9110
    // §12.5.4: highest q first, "pl-PL" also tries "pl"); "en" when none fits.
    static std::string choose_language(std::string_view accept_language);
    const std::string& language() const { return language_; }
    ~Renderer();
    Renderer(const Renderer&) = delete;
    Renderer& operator=(const Renderer&) = delete;

    // The catalogue's word for `key` (the key itself when missing, so a gap shows).
    std::string word(std::string_view key) const;
    // templates/<name>.mustache with `view` (plus `t` = the catalogue),
    // inside templates/layout.mustache.
    std::string page(std::string_view name, const View& view, const Frame& frame) const;
    // A static file of web/static/ ("" when unknown).
    static std::string_view static_file(std::string_view name);

private:
    std::string language_;
    std::map<std::string, std::string, std::less<>> words_;
};

} // namespace engage::web
