#pragma once
// Horizontal bar charts as inline SVG for the results pages (issue 10):
// one bar per answer with its label above it and its number (or the hidden
// wording) written beside it, so nothing depends on colour or on reading a
// scale; text is never rotated. Colours come from classes in engage.css, so
// the chart follows light, dark and print like the page (the strict CSP
// allows no inline styles).

#include <cstdint>
#include <string>
#include <vector>

namespace engage::web {

struct Bar {
    std::string label;      // the answer, as the table names it
    std::int64_t value = 0; // ignored when hidden
    bool hidden = false;    // drawn as an outline with `value_text` beside it
    std::string
        value_text; // what is written beside the bar ("34 (65%)", "fewer than 5, or hidden")
};

// An <svg> element (escaped text; safe to insert as is). `title` names the
// chart for screen readers, which read the same numbers in the table.
std::string bar_chart_svg(const std::vector<Bar>& bars, const std::string& title);

// Text with &, <, >, " and ' escaped for HTML and SVG.
std::string escape_markup(std::string_view text);

} // namespace engage::web
