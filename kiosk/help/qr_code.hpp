#pragma once
// QR codes for the help directory: a person scans a phone number or address
// with their own phone and takes it away (issue 4, Help now). libqrencode,
// error correction level M, 8-bit mode so any UTF-8 text is kept byte-exact.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace engage::kiosk {

// A square module matrix WITHOUT the quiet zone: the drawer adds a margin of
// kQrQuietZone light modules on every side and draws dark on light.
struct QrCode {
    int size = 0;                       // modules per side (21 for version 1, +4 per version)
    int version = 0;                    // QR version 1..40
    std::vector<unsigned char> modules; // size*size, row-major, 1 = dark

    // True when the module at column x, row y is dark; false outside the matrix.
    bool dark(int x, int y) const;
};

// Light modules the drawer must leave around the matrix (ISO/IEC 18004).
inline constexpr int kQrQuietZone = 4;

// Longest text we encode: a help entry's phone, URL or address, never a page.
inline constexpr std::size_t kQrMaxText = 512;

// Encodes `text` (UTF-8 bytes). nullopt when empty, longer than kQrMaxText or
// libqrencode fails.
std::optional<QrCode> make_qr_code(std::string_view text);

// The text to encode for a phone number is engage::tel_uri() (core
// help_contact.hpp), the same function the web app checks numbers with.

} // namespace engage::kiosk
