#pragma once
// A QR code drawn server-side as inline SVG (libqrencode), so enrolling an
// authenticator app needs no script and no image request.

#include <string>
#include <string_view>

namespace engage::web {

// An <svg> element (one path of dark modules, with a quiet zone) encoding
// `text`, labelled `label` for screen readers; "" when it cannot be encoded.
std::string qr_svg(std::string_view text, std::string_view label);

} // namespace engage::web
