#include "kiosk/help/qr_code.hpp"

#include <catch2/catch.hpp>

#ifdef ENGAGE_HAVE_ZBAR
#include <zbar.h>
using namespace zbar; // zbar.h puts its C API in this namespace under C++
#endif

#include <memory>
#include <string>

using engage::kiosk::kQrQuietZone;
using engage::kiosk::make_qr_code;
using engage::kiosk::QrCode;

namespace {

#ifdef ENGAGE_HAVE_ZBAR
// Draws the code as the kiosk does: dark on light, `scale` pixels a module,
// with the quiet zone around it. 8-bit grey, 0 = dark.
std::vector<unsigned char> render(const QrCode& code, int scale, int& side) {
    side = (code.size + 2 * kQrQuietZone) * scale;
    std::vector<unsigned char> pixels(static_cast<std::size_t>(side * side), 255);
    for (int y = 0; y < code.size; ++y) {
        for (int x = 0; x < code.size; ++x) {
            if (!code.dark(x, y))
                continue;
            for (int dy = 0; dy < scale; ++dy) {
                for (int dx = 0; dx < scale; ++dx) {
                    const int px = (x + kQrQuietZone) * scale + dx;
                    const int py = (y + kQrQuietZone) * scale + dy;
                    pixels[static_cast<std::size_t>(py * side + px)] = 0;
                }
            }
        }
    }
    return pixels;
}

struct ScannerDeleter {
    void operator()(zbar_image_scanner_t* s) const { zbar_image_scanner_destroy(s); }
};
struct ImageDeleter {
    void operator()(zbar_image_t* i) const { zbar_image_destroy(i); }
};

// What a phone would read from the picture; "" when nothing decodes.
std::string decode(const std::vector<unsigned char>& pixels, int side) {
    std::unique_ptr<zbar_image_scanner_t, ScannerDeleter> scanner{zbar_image_scanner_create()};
    zbar_image_scanner_set_config(scanner.get(), ZBAR_NONE, ZBAR_CFG_ENABLE, 0);
    zbar_image_scanner_set_config(scanner.get(), ZBAR_QRCODE, ZBAR_CFG_ENABLE, 1);
    std::unique_ptr<zbar_image_t, ImageDeleter> image{zbar_image_create()};
    zbar_image_set_format(image.get(), zbar_fourcc('Y', '8', '0', '0'));
    zbar_image_set_size(image.get(), static_cast<unsigned>(side), static_cast<unsigned>(side));
    zbar_image_set_data(image.get(), pixels.data(), pixels.size(), nullptr);
    if (zbar_scan_image(scanner.get(), image.get()) <= 0)
        return "";
    const zbar_symbol_t* symbol = zbar_image_first_symbol(image.get());
    if (symbol == nullptr || zbar_symbol_get_type(symbol) != ZBAR_QRCODE)
        return "";
    return std::string(zbar_symbol_get_data(symbol), zbar_symbol_get_data_length(symbol));
}
#endif

} // namespace

TEST_CASE("a phone number becomes the smallest QR code with finder patterns", "[media][qr]") {
    const auto code = make_qr_code("tel:+441234567890");
    REQUIRE(code);
    // 17 bytes at level M fit version 2 (25 modules): small, so each module is big.
    CHECK(code->version <= 2);
    CHECK(code->size == 17 + 4 * code->version);
    CHECK(code->modules.size() == static_cast<std::size_t>(code->size * code->size));
    // The top-left finder: dark ring, light ring, dark 3×3 centre, light separator.
    CHECK(code->dark(0, 0));
    CHECK(code->dark(6, 6));
    CHECK_FALSE(code->dark(1, 1));
    CHECK(code->dark(3, 3));
    CHECK_FALSE(code->dark(7, 0));
    // The other two finders.
    CHECK(code->dark(code->size - 1, 0));
    CHECK(code->dark(0, code->size - 1));
    SECTION("outside the matrix is light: the quiet zone is the drawer's") {
        CHECK_FALSE(code->dark(-1, 0));
        CHECK_FALSE(code->dark(0, code->size));
        CHECK_FALSE(code->dark(code->size, code->size));
    }
}

TEST_CASE("longer text takes a larger version and nothing unreasonable is encoded", "[media][qr]") {
    const auto small = make_qr_code("tel:116123");
    const auto address =
        make_qr_code("St Mungo's day centre, 12 Example Street, Bristol BS1 1AA, United Kingdom "
                     "https://example.org/help/day-centres/st-mungos");
    REQUIRE(small);
    REQUIRE(address);
    CHECK(address->version > small->version);
    CHECK_FALSE(make_qr_code(""));
    CHECK_FALSE(make_qr_code(std::string(engage::kiosk::kQrMaxText + 1, 'a')));
    CHECK(make_qr_code(std::string(engage::kiosk::kQrMaxText, 'a')));
}

#ifdef ENGAGE_HAVE_ZBAR
TEST_CASE("a drawn QR code with its quiet zone decodes back to the same text", "[media][qr]") {
    const std::string text =
        GENERATE(as<std::string>{}, "tel:08082000247", "https://www.samaritans.org/",
                 "ul. Łódzka 5, Bristol — شارع ١٢");
    CAPTURE(text);
    const auto code = make_qr_code(text);
    REQUIRE(code);
    int side = 0;
    const auto pixels = render(*code, 4, side);
    CHECK(decode(pixels, side) == text);
}
#endif
