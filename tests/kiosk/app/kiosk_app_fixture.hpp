#pragma once
// Runs the real engage-kiosk headless (offscreen SDL, software renderer) on a
// data dir holding the server's sample content, and reads back what it drew:
// PNG screenshots and the widget registry the script dumps.

#include "engage/sealing.hpp"
#include "support/admin_cli.hpp"
#include "support/temp_dir.hpp"

#include <boost/json/array.hpp>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace engage::test {

struct KioskDataOptions {
    bool coordinator_key = true; // without one, sign-up shows "not available"
    int inactivity_seconds = 90;
    int countdown_seconds = 30;
    std::string staff_pin; // set with --set-staff-pin when not empty
    // Feedback forms open besides the sample's one: the demo's "About the
    // food" (day-centre-food), then copies of it as day-centre-food-2, -3...
    int extra_feedback_forms = 0;
    // A language whose words are taken out of every form (not the help
    // directory), to see content shown "in English" inside it.
    std::string untranslated_language;
};

// $ENGAGE_KIOSK_BIN if set, else ENGAGE_BIN_DIR/engage-kiosk.
std::filesystem::path kiosk_program();

// A data dir with content.json made from assets/sample.
struct KioskData {
    TempDir dir{"engage-kiosk-app"};
    KeyPair key;
};
std::unique_ptr<KioskData> make_kiosk_data(const KioskDataOptions& options = {});

// Where the tests keep their screenshots for people to look at:
// <build>/screenshots/kiosk-app/<name>/ (emptied first).
std::filesystem::path screenshot_dir(const std::string& name);

// Runs `engage-kiosk --headless --data DIR --script <script> --screenshot-dir SHOTS`.
CommandResult run_kiosk_script(const KioskData& data, const std::string& script,
                               const std::filesystem::path& shots,
                               const std::vector<std::string>& extra = {},
                               const std::vector<std::string>& env = {});

// An RGB image read from a PNG.
struct Image {
    int width = 0;
    int height = 0;
    std::vector<std::uint8_t> rgb;
    struct Px {
        int r, g, b;
    };
    Px at(int x, int y) const {
        const auto i = (static_cast<std::size_t>(y) * static_cast<std::size_t>(width) +
                        static_cast<std::size_t>(x)) *
                       3;
        return {rgb[i], rgb[i + 1], rgb[i + 2]};
    }
};
std::optional<Image> read_png(const std::filesystem::path& file);

// A widget as the script's `dump` wrote it.
struct DumpedWidget {
    std::string id, label;
    double x = 0, y = 0, w = 0, h = 0; // the visible part
    double full_w = 0, full_h = 0;     // the whole widget
    bool enabled = true, focusable = true, visible = true, selected = false;
};
// The widgets of a dump (its texts left out).
std::vector<DumpedWidget> read_widgets(const std::filesystem::path& file);

// Everything a dump placed on the screen: widgets and texts, for the layout test.
struct DumpedBox {
    bool text = false;  // a block of words or a button's picture (else a widget)
    bool icon = false;  // a button's picture (a scale face): drawn, not a widget; text too
    std::string id;     // widgets: their id; texts: "text"; pictures: "icon"
    std::string parent; // texts: the widget whose label (or picture) it is, "" = none
    double x = 0, y = 0, w = 0, h = 0;                     // the visible part
    double full_x = 0, full_y = 0, full_w = 0, full_h = 0; // as laid out
    bool visible = true;
    bool in_region = false; // inside a scrolled list or the text box
};
std::vector<DumpedBox> read_layout(const std::filesystem::path& file);
// Whether two boxes' visible parts overlap by more than `tolerance` pixels
// both ways (float layout rounded to pixels: boxes touching may share one).
bool boxes_overlap(const DumpedBox& a, const DumpedBox& b, double tolerance = 1.0);
// The languages the sample content offers (assets/sample/settings.json), in its order.
std::vector<std::string> sample_languages();
const DumpedWidget* find_widget(const std::vector<DumpedWidget>& all, const std::string& id);

} // namespace engage::test
