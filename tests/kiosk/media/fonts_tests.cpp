#include "kiosk/i18n/catalogue.hpp"
#include "kiosk/text/fonts.hpp"
#include "kiosk/text/text_pipeline.hpp"
#include "media_paths.hpp"
#include "text_image.hpp"

#include <catch2/catch.hpp>
#include <chrono>
#include <cmath>
#include <imgui.h>
#include <iostream>
#include <set>

using namespace engage::kiosk;

namespace {

// One ImGui context per test case, destroyed on every path.
struct ImGuiContextOwner {
    ImGuiContext* context = ImGui::CreateContext();
    ~ImGuiContextOwner() { ImGui::DestroyContext(context); }
};

} // namespace

TEST_CASE("fonts load at three sizes with a face for every script", "[media][fonts]") {
    ImGuiContextOwner owner;
    auto& io = ImGui::GetIO();
    const auto start = std::chrono::steady_clock::now();
    const auto fonts = load_fonts(io, 32.0f);
    const auto ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    int w = 0, h = 0;
    unsigned char* pixels = nullptr;
    io.Fonts->GetTexDataAsAlpha8(&pixels, &w, &h);
    std::cout << "fonts at 32 px: atlas " << w << "x" << h << ", pipeline with " << kFaceCount
              << " faces, in " << ms << " ms\n";
    INFO(fonts.error);
    REQUIRE(fonts.normal != nullptr);
    REQUIRE(fonts.large != nullptr);
    REQUIRE(fonts.heading != nullptr);
    REQUIRE(fonts.text != nullptr);
    CHECK(fonts.arabic);
    CHECK(fonts.error.empty());
    CHECK(io.FontDefault == fonts.normal);
    CHECK(fonts.large->FontSize == Approx(48.0f));
    CHECK(fonts.heading->FontSize == Approx(64.0f));
    for (auto face : {FaceId::latin, FaceId::naskh, FaceId::nastaliq, FaceId::gurmukhi,
                      FaceId::bengali, FaceId::ethiopic}) {
        CAPTURE(face_file(face).file);
        CHECK(fonts.text->faces().has(face));
    }
    SECTION("the pipeline's Latin text is as wide as ImGui's own at the same size") {
        // Both place Noto Sans by its advances; ImGui rounds each to a pixel.
        const char* words = "Give feedback";
        const float imgui = fonts.normal->CalcTextSizeA(32.0f, 1e9f, 0, words).x;
        const float ours = fonts.text->width(words, 32.0f, false, "en");
        CHECK(std::abs(imgui - ours) <= 0.05f * imgui);
    }
}

TEST_CASE("every character of every catalogue string has a glyph in its script's face",
          "[media][fonts]") {
    TextPipeline text("/usr/share/fonts/truetype/noto");
    std::string error;
    const auto catalogue = Catalogue::load(testing::i18n_dir(), error);
    REQUIRE(catalogue);
    for (const auto& code : catalogue->languages()) {
        const bool rtl = catalogue->is_rtl(code);
        std::vector<std::string> missing;
        for (const auto& key : catalogue->keys(code)) {
            const auto& line = text.shape(catalogue->text(key, code), rtl, code);
            for (const auto& g : line.glyphs) {
                if (g.glyph == 0)
                    missing.push_back(key);
            }
        }
        CAPTURE(code, missing);
        CHECK(missing.empty());
    }
}

TEST_CASE("each language's home screen words render to a picture a person can check",
          "[media][fonts]") {
    TextPipeline text("/usr/share/fonts/truetype/noto");
    std::string error;
    const auto catalogue = Catalogue::load(testing::i18n_dir(), error);
    REQUIRE(catalogue);
    const int width = 900;
    constexpr float kFontPx = 32.0f;
    for (const auto& code : catalogue->languages()) {
        const bool rtl = catalogue->is_rtl(code);
        std::vector<std::string> lines;
        lines.push_back(catalogue->native_name(code));
        for (auto key : {"home.feedback", "home.poll", "home.mentoring", "home.help",
                         "reassure.anonymous", "still_there.countdown", "mentoring.consent_text"}) {
            for (const auto& line : text.wrap(fill(catalogue->text(key, code), {{"s", "10"}}),
                                              kFontPx, static_cast<float>(width - 16), rtl, code)) {
                lines.push_back(line);
            }
        }
        const auto image = testing::draw_lines(text, lines, kFontPx, width, rtl, code);
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
