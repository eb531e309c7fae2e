#include "web/qr_svg.hpp"

#include <memory>
#include <qrencode.h>

namespace engage::web {
namespace {

struct QrFree {
    void operator()(QRcode* q) const noexcept { QRcode_free(q); }
};

// The quiet zone QR readers need around the code (ISO/IEC 18004: 4 modules).
constexpr int quiet_modules = 4;

std::string escape_attribute(std::string_view s) {
    std::string out;
    for (const char c : s) {
        switch (c) {
        case '&':
            out += "&amp;";
            break;
        case '"':
            out += "&quot;";
            break;
        case '<':
            out += "&lt;";
            break;
        case '>':
            out += "&gt;";
            break;
        default:
            out += c;
        }
    }
    return out;
}

} // namespace

std::string qr_svg(std::string_view text, std::string_view label) {
    const std::string input(text);
    // Level M: survives some glare or a scuffed screen; the URI still fits small.
    std::unique_ptr<QRcode, QrFree> qr(
        QRcode_encodeString(input.c_str(), 0, QR_ECLEVEL_M, QR_MODE_8, 1));
    if (!qr) {
        return {};
    }
    const int n = qr->width;
    const int size = n + 2 * quiet_modules;
    // Built with += only: GCC 12 warns falsely (-Wrestrict) on "M" + to_string().
    std::string path;
    for (int y = 0; y < n; ++y) {
        for (int x = 0; x < n; ++x) {
            if ((qr->data[y * n + x] & 1) != 0) {
                path += 'M';
                path += std::to_string(x + quiet_modules);
                path += ' ';
                path += std::to_string(y + quiet_modules);
                path += "h1v1h-1z";
            }
        }
    }
    const std::string s = std::to_string(size);
    // Fixed black on white whatever the page's colour scheme: readers need it.
    std::string svg =
        R"(<svg xmlns="http://www.w3.org/2000/svg" class="qr" role="img" aria-label=")";
    svg += escape_attribute(label);
    svg += R"(" viewBox="0 0 )";
    svg += s;
    svg += ' ';
    svg += s;
    svg += R"(" width="264" height="264" shape-rendering="crispEdges"><rect width=")";
    svg += s;
    svg += R"(" height=")";
    svg += s;
    svg += R"(" fill="#fff"/><path fill="#000" d=")";
    svg += path;
    svg += R"("/></svg>)";
    return svg;
}

} // namespace engage::web
