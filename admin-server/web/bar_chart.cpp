#include "web/bar_chart.hpp"

#include <algorithm>
#include <initializer_list>
#include <string_view>

namespace engage::web {
namespace {

// Layout in SVG units (the chart scales to the page's width). 18-unit text
// matches the page's 18 px text at the usual width; each row is a label line
// and a 24-unit bar.
constexpr int width = 640;
constexpr int row_height = 60;
constexpr int bar_height = 24;
constexpr int label_baseline = 20;
constexpr int bar_top = 28;
// Room on the right for the number written beside the longest bar.
constexpr int value_room = 240;

// Appends every piece in turn (no "literal" + std::string&&: GCC 12's
// -Wrestrict false positive at -O3, bug 105329).
void put(std::string& out, std::initializer_list<std::string_view> pieces) {
    for (const auto p : pieces) {
        out.append(p);
    }
}

} // namespace

std::string escape_markup(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (const char ch : text) {
        switch (ch) {
        case '&':
            out += "&amp;";
            break;
        case '<':
            out += "&lt;";
            break;
        case '>':
            out += "&gt;";
            break;
        case '"':
            out += "&quot;";
            break;
        case '\'':
            out += "&#39;";
            break;
        default:
            out += ch;
        }
    }
    return out;
}

std::string bar_chart_svg(const std::vector<Bar>& bars, const std::string& title) {
    std::int64_t largest = 1;
    for (const auto& b : bars) {
        if (!b.hidden) {
            largest = std::max(largest, b.value);
        }
    }
    const int height = static_cast<int>(bars.size()) * row_height + 8;
    std::string svg;
    put(svg, {"<svg class=\"chart\" role=\"img\" viewBox=\"0 0 ", std::to_string(width), " ",
              std::to_string(height), "\" xmlns=\"http://www.w3.org/2000/svg\"><title>",
              escape_markup(title), "</title>"});
    int y = 0;
    for (const auto& b : bars) {
        put(svg, {"<text class=\"chart-label\" x=\"0\" y=\"", std::to_string(y + label_baseline),
                  "\">", escape_markup(b.label), "</text>"});
        int bar_width = 0;
        if (b.hidden) {
            // A dashed outline: "something hidden here", told by the words too.
            bar_width = 40;
            put(svg, {"<rect class=\"chart-hidden\" x=\"1\" y=\"", std::to_string(y + bar_top),
                      "\" width=\"", std::to_string(bar_width), "\" height=\"",
                      std::to_string(bar_height), "\"/>"});
        } else if (b.value > 0) {
            bar_width = static_cast<int>((width - value_room) * b.value / largest);
            bar_width = std::max(bar_width, 2);
            put(svg, {"<rect class=\"chart-bar\" x=\"0\" y=\"", std::to_string(y + bar_top),
                      "\" width=\"", std::to_string(bar_width), "\" height=\"",
                      std::to_string(bar_height), "\"/>"});
        }
        put(svg, {"<text class=\"chart-value\" x=\"", std::to_string(bar_width + 8), "\" y=\"",
                  std::to_string(y + bar_top + 19), "\">", escape_markup(b.value_text), "</text>"});
        y += row_height;
    }
    svg += "</svg>";
    return svg;
}

} // namespace engage::web
