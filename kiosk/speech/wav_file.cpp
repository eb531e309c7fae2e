#include "kiosk/speech/wav_file.hpp"

#include <array>
#include <fstream>

namespace engage::kiosk {
namespace {

void put32(std::ofstream& out, std::uint32_t v) {
    const std::array<char, 4> b = {static_cast<char>(v & 0xFF), static_cast<char>((v >> 8) & 0xFF),
                                   static_cast<char>((v >> 16) & 0xFF),
                                   static_cast<char>((v >> 24) & 0xFF)};
    out.write(b.data(), 4);
}
void put16(std::ofstream& out, std::uint16_t v) {
    const std::array<char, 2> b = {static_cast<char>(v & 0xFF), static_cast<char>((v >> 8) & 0xFF)};
    out.write(b.data(), 2);
}

} // namespace

bool write_wav(const std::filesystem::path& path, std::span<const std::int16_t> samples,
               int sample_rate) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    if (!out)
        return false;
    const auto data_bytes = static_cast<std::uint32_t>(samples.size() * 2);
    const auto rate = static_cast<std::uint32_t>(sample_rate);
    out.write("RIFF", 4);
    put32(out, 36 + data_bytes);
    out.write("WAVEfmt ", 8);
    put32(out, 16); // fmt chunk size
    put16(out, 1);  // PCM
    put16(out, 1);  // mono
    put32(out, rate);
    put32(out, rate * 2); // bytes per second
    put16(out, 2);        // block align
    put16(out, 16);       // bits per sample
    out.write("data", 4);
    put32(out, data_bytes);
    for (auto s : samples)
        put16(out, static_cast<std::uint16_t>(s));
    return static_cast<bool>(out.flush());
}

} // namespace engage::kiosk
