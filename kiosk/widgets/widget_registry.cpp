#include "kiosk/widgets/widget_registry.hpp"

#include "engage/text.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>
#include <cctype>

namespace engage::kiosk {

namespace {

using text::trim;

bool same_ignoring_case(std::string_view a, std::string_view b) {
    a = trim(a);
    b = trim(b);
    if (a.size() != b.size())
        return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (std::tolower(static_cast<unsigned char>(a[i])) !=
            std::tolower(static_cast<unsigned char>(b[i])))
            return false;
    }
    return true;
}

} // namespace

std::optional<WidgetEntry> WidgetRegistry::find(std::string_view id_or_label) const {
    const std::string_view want = trim(id_or_label);
    for (bool visible : {true, false}) {
        for (const auto& e : entries_) {
            if (e.visible == visible && e.id == want)
                return e;
        }
        for (const auto& e : entries_) {
            if (e.visible == visible && same_ignoring_case(e.label_en, want))
                return e;
        }
    }
    return std::nullopt;
}

std::optional<std::size_t> WidgetRegistry::index_of(std::string_view id) const {
    for (std::size_t i = 0; i < entries_.size(); ++i) {
        if (entries_[i].id == id)
            return i;
    }
    return std::nullopt;
}

std::string WidgetRegistry::to_json() const {
    boost::json::array out;
    for (const auto& e : entries_) {
        boost::json::object o;
        o["kind"] = "widget";
        o["id"] = e.id;
        o["label"] = e.label_en;
        o["x"] = e.rect.x;
        o["y"] = e.rect.y;
        o["w"] = e.rect.w;
        o["h"] = e.rect.h;
        o["full_w"] = e.full_w > 0 ? e.full_w : e.rect.w;
        o["full_h"] = e.full_h > 0 ? e.full_h : e.rect.h;
        o["enabled"] = e.enabled;
        o["focusable"] = e.focusable;
        o["visible"] = e.visible;
        o["selected"] = e.selected;
        o["in_region"] = e.in_region;
        if (e.row >= 0)
            o["row"] = e.row;
        out.push_back(std::move(o));
    }
    for (const auto& t : texts_) {
        boost::json::object o;
        o["kind"] = t.icon ? "icon" : "text";
        o["parent"] = t.parent;
        o["x"] = t.rect.x;
        o["y"] = t.rect.y;
        o["w"] = t.rect.w;
        o["h"] = t.rect.h;
        o["full_x"] = t.full.x;
        o["full_y"] = t.full.y;
        o["full_w"] = t.full.w;
        o["full_h"] = t.full.h;
        o["in_region"] = t.in_region;
        out.push_back(std::move(o));
    }
    return boost::json::serialize(out);
}

} // namespace engage::kiosk
