#include "kiosk/help/qr_code.hpp"

#include <memory>
#include <qrencode.h>

namespace engage::kiosk {
namespace {

struct QrFree {
    void operator()(QRcode* code) const { QRcode_free(code); }
};
using QrOwner = std::unique_ptr<QRcode, QrFree>;

} // namespace

bool QrCode::dark(int x, int y) const {
    if (x < 0 || y < 0 || x >= size || y >= size)
        return false;
    return modules[static_cast<std::size_t>(y) * static_cast<std::size_t>(size) +
                   static_cast<std::size_t>(x)] != 0;
}

std::optional<QrCode> make_qr_code(std::string_view text) {
    if (text.empty() || text.size() > kQrMaxText)
        return std::nullopt;
    // Version 0 lets libqrencode pick the smallest version that holds the data;
    // level M survives a scuffed or badly lit screen photo (15% of modules).
    QrOwner code{QRcode_encodeData(static_cast<int>(text.size()),
                                   reinterpret_cast<const unsigned char*>(text.data()), 0,
                                   QR_ECLEVEL_M)};
    if (!code || code->width <= 0)
        return std::nullopt;
    QrCode out;
    out.size = code->width;
    out.version = code->version;
    const auto count = static_cast<std::size_t>(out.size) * static_cast<std::size_t>(out.size);
    out.modules.resize(count);
    // libqrencode: bit 0 of each byte is the module colour (1 = dark); the
    // other bits describe what the module is for and are not drawn.
    for (std::size_t i = 0; i < count; ++i)
        out.modules[i] = code->data[i] & 1u;
    return out;
}

} // namespace engage::kiosk
