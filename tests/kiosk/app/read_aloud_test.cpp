// What Read aloud would say on the review screen, from the real KioskUi drawn
// into a real (windowless) Dear ImGui context: typed answers are never spoken.
#include "kiosk/flow/flow.hpp"
#include "kiosk/i18n/catalogue.hpp"
#include "kiosk/screens/kiosk_ui.hpp"
#include "kiosk/text/fonts.hpp"
#include "logic/sample_content.hpp"

#include <catch2/catch.hpp>
#include <imgui.h>
#include <memory>

using namespace engage;
using namespace engage::kiosk;

namespace {

// One ImGui context with the kiosk's fonts, for as long as a test runs.
struct ImGuiContextOwner {
    ImGuiContext* ctx = ImGui::CreateContext();
    ImGuiContextOwner() {
        ImGuiIO& io = ImGui::GetIO();
        io.IniFilename = nullptr;
        io.DisplaySize = ImVec2(1280, 800);
    }
    ~ImGuiContextOwner() { ImGui::DestroyContext(ctx); }
    ImGuiContextOwner(const ImGuiContextOwner&) = delete;
    ImGuiContextOwner& operator=(const ImGuiContextOwner&) = delete;
};

FrameOutput draw_one_frame(KioskUi& ui, Flow& flow, std::int64_t now) {
    ImGui::NewFrame();
    FrameInput in;
    in.now_ms = now;
    const FrameOutput out = ui.frame(flow, in);
    ImGui::Render();
    return out;
}

} // namespace

TEST_CASE("Read aloud on the review screen never speaks what was typed", "[kiosk][speech]") {
    ImGuiContextOwner imgui;
    std::string error;
    const auto catalogue =
        Catalogue::load(std::filesystem::path(ENGAGE_SOURCE_DIR) / "i18n", error);
    REQUIRE(catalogue);
    KioskUi ui(*catalogue);
    ImGuiIO& io = ImGui::GetIO();
    ui.set_fonts(load_fonts(io, 28.0f), 28.0f);
    unsigned char* pixels = nullptr;
    int w = 0, h = 0;
    io.Fonts->GetTexDataAsRGBA32(&pixels, &w, &h); // builds the atlas NewFrame needs

    const auto key = make_sealing_keypair();
    Flow f(test::shared(test::sample_bundle(key)), "", test::sample_day);
    std::int64_t t = 0;
    f.start(++t);
    f.choose_language("en", ++t);
    f.set_speech(true, ++t); // speech on: each new screen is read out by itself
    f.open_signup(++t);
    f.begin_questions(++t);
    f.choose("find-mentor", ++t);
    f.next(++t);
    f.set_text("CANARYzq81", ++t);
    f.next(++t);
    f.choose("phone", ++t);
    f.next(++t);
    f.set_text("07700 CANARY 900", ++t);
    f.next(++t);
    f.next(++t);
    REQUIRE(f.state().screen == Screen::review);

    const FrameOutput out = draw_one_frame(ui, f, ++t);
    REQUIRE(out.say);
    INFO(*out.say);
    CHECK(out.say->find("CANARY") == std::string::npos);
    // The question is read, then the placeholder instead of the answer (twice).
    CHECK(out.say->find("A first name or nickname we can use") != std::string::npos);
    const std::string placeholder = catalogue->text("review.as_typed", "en");
    const auto first = out.say->find(placeholder);
    REQUIRE(first != std::string::npos);
    CHECK(out.say->find(placeholder, first + 1) != std::string::npos);
    // Choices are still read: they are the form's words, not the person's.
    CHECK(out.say->find("Find a peer mentor") != std::string::npos);
}
