#include "kiosk/i18n/content_coverage.hpp"

namespace engage::kiosk {
namespace {

struct Counter {
    std::string_view language;
    ContentCoverage& out;
    bool help = false;

    void count(const LocalisedText& t) {
        if (!t.has(fallback_language) || t.get(fallback_language).empty())
            return; // nothing to translate: no English, or an optional field left empty
        const bool has = t.has(language) && !t.get(language).empty();
        ++out.strings;
        out.translated += has ? 1 : 0;
        if (help) {
            ++out.help_strings;
            out.help_translated += has ? 1 : 0;
        }
    }
};

} // namespace

int ContentCoverage::percent() const {
    if (strings == 0)
        return 100;
    return static_cast<int>(translated * 100 / strings);
}

ContentCoverage content_coverage(const ContentBundle& content, std::string_view language) {
    ContentCoverage out;
    Counter c{language, out};
    for (const auto& form : content.forms) {
        c.count(form.title);
        c.count(form.intro);
        for (const auto& q : form.questions) {
            c.count(q.text);
            c.count(q.easy);
            c.count(q.hint);
            for (const auto& o : q.options) {
                c.count(o.text);
                c.count(o.easy);
            }
        }
    }
    for (const auto& item : content.you_said_we_did) {
        c.count(item.you_said);
        c.count(item.we_did);
    }
    c.help = true;
    for (const auto& h : content.help) {
        c.count(h.name);
        c.count(h.what);
        c.count(h.hours);
    }
    return out;
}

} // namespace engage::kiosk
