#include "kiosk_app_fixture.hpp"

#include "logic/sample_content.hpp"

#include <algorithm>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value_from.hpp>
#include <cstdlib>
#include <fstream>
#include <stb_image.h>
#include <stdexcept>

namespace engage::test {

std::filesystem::path kiosk_program() {
    if (const char* env = std::getenv("ENGAGE_KIOSK_BIN"))
        return env;
    return std::filesystem::path(ENGAGE_BIN_DIR) / "engage-kiosk";
}

std::unique_ptr<KioskData> make_kiosk_data(const KioskDataOptions& options) {
    auto data = std::make_unique<KioskData>();
    data->key = make_sealing_keypair();
    ContentBundle bundle = sample_bundle(data->key);
    for (int i = 0; i < options.extra_feedback_forms; ++i) {
        FormVersion food = sample_form("day-centre-food.json");
        food.sites = {bundle.site};
        if (i > 0) {
            const std::string n = std::to_string(i + 1);
            food.slug.append("-").append(n);
            food.title.by_language["en"].append(" (").append(n).append(")");
        }
        bundle.forms.push_back(std::move(food));
    }
    if (!options.untranslated_language.empty())
        drop_form_language(bundle, options.untranslated_language);
    if (!options.coordinator_key)
        bundle.coordinator_public_key.clear();
    bundle.settings.inactivity_seconds = options.inactivity_seconds;
    bundle.settings.countdown_seconds = options.countdown_seconds;
    std::ofstream(data->dir / "content.json")
        << boost::json::serialize(boost::json::value_from(bundle));
    if (!options.staff_pin.empty()) {
        const auto r = run_program(
            {kiosk_program().string(), "--data", data->dir.path().string(), "--set-staff-pin"},
            options.staff_pin + "\n");
        if (r.exit_code != 0)
            throw std::runtime_error("--set-staff-pin failed: " + r.err);
    }
    return data;
}

std::filesystem::path screenshot_dir(const std::string& name) {
    const auto dir =
        std::filesystem::path(ENGAGE_BIN_DIR).parent_path() / "screenshots" / "kiosk-app" / name;
    std::error_code ec;
    std::filesystem::remove_all(dir, ec);
    std::filesystem::create_directories(dir);
    return dir;
}

CommandResult run_kiosk_script(const KioskData& data, const std::string& script,
                               const std::filesystem::path& shots,
                               const std::vector<std::string>& extra,
                               const std::vector<std::string>& env) {
    const auto script_file = data.dir / "script.txt";
    std::ofstream(script_file) << script;
    std::vector<std::string> argv;
    if (!env.empty()) {
        // Through env(1) so each run gets only the variables it asks for.
        argv.push_back("/usr/bin/env");
        argv.insert(argv.end(), env.begin(), env.end());
    }
    argv.insert(argv.end(), {kiosk_program().string(), "--headless", "--data",
                             data.dir.path().string(), "--script", script_file.string(),
                             "--screenshot-dir", shots.string(), "--test-mode"});
    argv.insert(argv.end(), extra.begin(), extra.end());
    return run_program(argv, {}, std::chrono::seconds(120));
}

std::optional<Image> read_png(const std::filesystem::path& file) {
    int w = 0, h = 0, n = 0;
    unsigned char* px = stbi_load(file.c_str(), &w, &h, &n, 3);
    if (px == nullptr)
        return std::nullopt;
    Image img;
    img.width = w;
    img.height = h;
    img.rgb.assign(px, px + static_cast<std::size_t>(w) * static_cast<std::size_t>(h) * 3);
    stbi_image_free(px);
    return img;
}

std::vector<DumpedWidget> read_widgets(const std::filesystem::path& file) {
    const auto jv = boost::json::parse(read_file(file));
    std::vector<DumpedWidget> out;
    for (const auto& v : jv.as_array()) {
        const auto& o = v.as_object();
        if (const auto* kind = o.if_contains("kind");
            kind && (kind->as_string() == "text" || kind->as_string() == "icon"))
            continue;
        DumpedWidget w;
        w.id = std::string(o.at("id").as_string());
        w.label = std::string(o.at("label").as_string());
        w.x = o.at("x").to_number<double>();
        w.y = o.at("y").to_number<double>();
        w.w = o.at("w").to_number<double>();
        w.h = o.at("h").to_number<double>();
        w.full_w = o.at("full_w").to_number<double>();
        w.full_h = o.at("full_h").to_number<double>();
        w.visible = o.at("visible").as_bool();
        w.selected = o.at("selected").as_bool();
        w.enabled = o.at("enabled").as_bool();
        w.focusable = o.at("focusable").as_bool();
        out.push_back(std::move(w));
    }
    return out;
}

std::vector<DumpedBox> read_layout(const std::filesystem::path& file) {
    const auto jv = boost::json::parse(read_file(file));
    std::vector<DumpedBox> out;
    for (const auto& v : jv.as_array()) {
        const auto& o = v.as_object();
        DumpedBox b;
        // A button's picture is placed like its words (text, with its
        // button as parent) and marked as a picture.
        b.icon = o.at("kind").as_string() == "icon";
        b.text = b.icon || o.at("kind").as_string() == "text";
        b.x = o.at("x").to_number<double>();
        b.y = o.at("y").to_number<double>();
        b.w = o.at("w").to_number<double>();
        b.h = o.at("h").to_number<double>();
        b.in_region = o.at("in_region").as_bool();
        if (b.text) {
            b.id = b.icon ? "icon" : "text";
            b.parent = std::string(o.at("parent").as_string());
            b.full_x = o.at("full_x").to_number<double>();
            b.full_y = o.at("full_y").to_number<double>();
            b.full_w = o.at("full_w").to_number<double>();
            b.full_h = o.at("full_h").to_number<double>();
        } else {
            b.id = std::string(o.at("id").as_string());
            b.visible = o.at("visible").as_bool();
            // A widget's dump has its visible part and its whole size; where
            // the visible part was cut, the cut is at the window's edge.
            b.full_w = o.at("full_w").to_number<double>();
            b.full_h = o.at("full_h").to_number<double>();
            b.full_x = b.x;
            b.full_y = b.y;
        }
        out.push_back(std::move(b));
    }
    return out;
}

bool boxes_overlap(const DumpedBox& a, const DumpedBox& b, double tolerance) {
    const double ox = std::min(a.x + a.w, b.x + b.w) - std::max(a.x, b.x);
    const double oy = std::min(a.y + a.h, b.y + b.h) - std::max(a.y, b.y);
    return ox > tolerance && oy > tolerance;
}

std::vector<std::string> sample_languages() {
    // Kept in a variable: a range-for over a member of the temporary that
    // parse() returns reads freed memory (the full matrix threw "not a string").
    const boost::json::value settings = boost::json::parse(
        read_file(std::filesystem::path(ENGAGE_SOURCE_DIR) / "assets/sample/settings.json"));
    std::vector<std::string> out;
    for (const auto& l : settings.at("languages").as_array())
        out.emplace_back(l.as_string());
    return out;
}

const DumpedWidget* find_widget(const std::vector<DumpedWidget>& all, const std::string& id) {
    for (const auto& w : all)
        if (w.id == id)
            return &w;
    return nullptr;
}

} // namespace engage::test
