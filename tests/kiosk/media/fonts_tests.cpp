#include "kiosk/i18n/catalogue.hpp"
#include "kiosk/text/arabic_forms.hpp"
#include "kiosk/text/display_text.hpp"
#include "kiosk/text/fonts.hpp"
#include "media_paths.hpp"
#include "text_image.hpp"

#include <catch2/catch.hpp>
#include <chrono>
#include <cmath>
#include <imgui.h>
#include <imgui_internal.h>
#include <iostream>
#include <set>

using namespace engage::kiosk;
namespace arabic = engage::kiosk::arabic;

namespace {

// One ImGui context per test case, destroyed on every path.
struct ImGuiContextOwner {
    ImGuiContext* context = ImGui::CreateContext();
    ~ImGuiContextOwner() { ImGui::DestroyContext(context); }
};

std::vector<unsigned int> code_points(const std::string& text) {
    std::vector<unsigned int> out;
    const char* s = text.c_str();
    const char* end = s + text.size();
    while (s < end) {
        unsigned int c = 0;
        s += ImTextCharFromUtf8(&c, s, end);
        out.push_back(c);
    }
    return out;
}

} // namespace

TEST_CASE("the font atlas has Latin and Arabic glyphs at three sizes", "[media][fonts]") {
    ImGuiContextOwner owner;
    auto& io = ImGui::GetIO();
    const auto start = std::chrono::steady_clock::now();
    const auto fonts = load_fonts(io, 32.0f);
    const auto ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    int w = 0, h = 0;
    unsigned char* pixels = nullptr;
    io.Fonts->GetTexDataAsAlpha8(&pixels, &w, &h);
    std::cout << "font atlas at 32 px: " << w << "x" << h << " built in " << ms << " ms\n";
    INFO(fonts.error);
    REQUIRE(fonts.normal != nullptr);
    REQUIRE(fonts.large != nullptr);
    REQUIRE(fonts.heading != nullptr);
    CHECK(fonts.arabic);
    CHECK(fonts.error.empty());
    CHECK(io.FontDefault == fonts.normal);
    CHECK(fonts.large->FontSize == Approx(48.0f));
    CHECK(fonts.heading->FontSize == Approx(64.0f));
    for (ImFont* font : {fonts.normal, fonts.large, fonts.heading}) {
        for (ImWchar c : {ImWchar('A'), ImWchar(0x0142) /* ł */, ImWchar(0x0219) /* ș */,
                          ImWchar(0x0627), ImWchar(0xFEB3), ImWchar(0xFBFD), ImWchar(0xFEFC)}) {
            CAPTURE(c);
            CHECK(font->FindGlyphNoFallback(c) != nullptr);
        }
    }
    SECTION("a vowel mark is drawn back over the letter it follows, not after it") {
        // Visual order puts a mark right after its letter with no advance of
        // its own: its ink must lie left of the pen, over that letter.
        const ImFontGlyph* fatha = fonts.normal->FindGlyphNoFallback(0x064E);
        const ImFontGlyph* meem = fonts.normal->FindGlyphNoFallback(0xFEE3);
        REQUIRE(fatha != nullptr);
        REQUIRE(meem != nullptr);
        CHECK(fatha->AdvanceX == 0.0f);
        CHECK(fatha->X1 <= 0.0f);
        CHECK(fatha->X0 >= -meem->AdvanceX);
    }
    SECTION("a Sorani joined form sits on the line like a regular Arabic letter") {
        // ڵ initial beside lam initial (FEDF), which has a presentation form.
        const auto pua =
            static_cast<ImWchar>(arabic::extra_form_code_point(0x06B5, arabic::JoinForm::initial));
        const ImFontGlyph* extra = fonts.normal->FindGlyphNoFallback(pua);
        const ImFontGlyph* lam = fonts.normal->FindGlyphNoFallback(0xFEDF);
        REQUIRE(extra != nullptr);
        REQUIRE(lam != nullptr);
        CAPTURE(extra->Y0, extra->Y1, lam->Y0, lam->Y1, extra->AdvanceX, lam->AdvanceX);
        // Same baseline: the bottoms of the two lam bodies agree within 2 px;
        // the small v above makes the Sorani one taller.
        CHECK(std::abs(extra->Y1 - lam->Y1) <= 2.0f);
        CHECK(extra->Y0 <= lam->Y0 + 1.0f);
        CHECK(std::abs(extra->AdvanceX - lam->AdvanceX) <= 2.0f);
    }
}

TEST_CASE("every character of every catalogue string has a glyph in the atlas", "[media][fonts]") {
    ImGuiContextOwner owner;
    auto& io = ImGui::GetIO();
    const auto fonts = load_fonts(io, 24.0f);
    std::string error;
    const auto catalogue = Catalogue::load(testing::i18n_dir(), error);
    REQUIRE(catalogue);
    // Gurmukhi, Bengali and Ethiopic come with the HarfBuzz text pipeline
    // (issue 11, "shaping" branch), merged separately from these catalogues:
    // until it is, these languages draw boxes and are left out here. Remove
    // this list when that pipeline is in.
    const std::set<std::string, std::less<>> awaiting_fonts{"pa", "bn", "ti", "am"};
    for (const auto& code : catalogue->languages()) {
        if (awaiting_fonts.contains(code)) {
            WARN("no glyph check for " << code << ": its script's font is not in the atlas yet");
            continue;
        }
        const bool rtl = catalogue->is_rtl(code);
        std::vector<std::string> missing;
        for (const auto& key : catalogue->keys(code)) {
            for (auto c : code_points(to_display(catalogue->text(key, code), rtl))) {
                if (fonts.normal->FindGlyphNoFallback(static_cast<ImWchar>(c)) == nullptr) {
                    char buf[32];
                    std::snprintf(buf, sizeof buf, "%s U+%04X", key.c_str(), c);
                    missing.emplace_back(buf);
                }
            }
        }
        CAPTURE(code, missing);
        CHECK(missing.empty());
    }
}

TEST_CASE("each language's home screen words render to a picture a person can check",
          "[media][fonts]") {
    ImGuiContextOwner owner;
    auto& io = ImGui::GetIO();
    const auto fonts = load_fonts(io, 32.0f);
    std::string error;
    const auto catalogue = Catalogue::load(testing::i18n_dir(), error);
    REQUIRE(catalogue);
    const int width = 900;
    for (const auto& code : catalogue->languages()) {
        const bool rtl = catalogue->is_rtl(code);
        std::vector<std::string> lines;
        lines.push_back(to_display(catalogue->native_name(code), rtl));
        const auto measure = [&](std::string_view s) {
            const std::string text(s);
            return fonts.normal->CalcTextSizeA(fonts.normal->FontSize, 1e9f, 0, text.c_str()).x;
        };
        for (auto key : {"home.feedback", "home.poll", "home.mentoring", "home.help",
                         "reassure.anonymous", "still_there.countdown", "mentoring.consent_text"}) {
            for (auto& line : wrap_for_display(fill(catalogue->text(key, code), {{"s", "10"}}), rtl,
                                               static_cast<float>(width - 16), measure)) {
                lines.push_back(std::move(line));
            }
        }
        const auto image = testing::draw_lines(fonts.normal, lines, width, rtl);
        const auto path = testing::output_dir() / ("text-" + code + ".png");
        CAPTURE(path);
        CHECK(testing::write_png(path, image));
        // Ink on the picture: something was drawn, not a blank or boxes only.
        std::size_t ink = 0;
        for (auto p : image.pixels)
            ink += p > 128 ? 1 : 0;
        CHECK(ink > 1000);
    }
}
