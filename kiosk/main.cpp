// engage-kiosk: the touchscreen program (issue 4). The main loop follows the
// Dear ImGui 1.86 SDL_Renderer example in labelled steps, with one change
// that matters for a kiosk left on all day: it draws only when something
// changed (input, a flow timer, an animation, news from the sync thread) and
// otherwise sleeps in SDL_WaitEventTimeout, so an idle kiosk uses next to no CPU.
#include "kiosk/config/options.hpp"
#include "kiosk/i18n/catalogue.hpp"
#include "kiosk/platform/platform.hpp"
#include "kiosk/runtime/kiosk_runtime.hpp"
#include "kiosk/screens/kiosk_ui.hpp"
#include "kiosk/script/script.hpp"
#include "kiosk/speech/speaker.hpp"
#include "kiosk/text/fonts.hpp"
#include "kiosk/widgets/theme.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <imgui.h>
#include <iostream>
#include <memory>
#include <sstream>
#include <string>
#include <variant>
#include <vector>

using namespace engage::kiosk;

namespace {

using Clock = std::chrono::steady_clock;

// Headless window size: ENGAGE_KIOSK_SIZE=WxH (tests try other screens).
void window_size_from_env(PlatformOptions& p) {
    const char* env = std::getenv("ENGAGE_KIOSK_SIZE");
    if (env == nullptr)
        return;
    int w = 0, h = 0;
    if (std::sscanf(env, "%dx%d", &w, &h) == 2 && w >= 320 && h >= 240 && w <= 7680 && h <= 4320) {
        p.width = w;
        p.height = h;
    }
}

std::filesystem::path exe_path(const char* argv0) {
    std::error_code ec;
    auto p = std::filesystem::read_symlink("/proc/self/exe", ec);
    return ec ? std::filesystem::path(argv0) : p;
}

// The script's view of the running program.
class Host final : public ScriptHost {
public:
    Host(Platform& p, KioskUi& ui, KioskRuntime& rt) : p_(p), ui_(ui), rt_(rt) {}
    const WidgetRegistry& widgets() const override { return ui_.registry(); }
    std::string screen_name() const override {
        return std::string(to_string(rt_.flow().state().screen));
    }
    void pointer_down(float x, float y) override { p_.inject_pointer_down(x, y); }
    void pointer_up(float x, float y) override { p_.inject_pointer_up(x, y); }
    bool key_down(std::string_view name) override { return p_.inject_key_down(name); }
    void key_up(std::string_view name) override { p_.inject_key_up(name); }
    void type_text(std::string_view utf8) override {
        // One SDL text event per character, as a keyboard sends them.
        std::size_t i = 0;
        while (i < utf8.size()) {
            std::size_t n = 1;
            const auto c = static_cast<unsigned char>(utf8[i]);
            if (c >= 0xF0)
                n = 4;
            else if (c >= 0xE0)
                n = 3;
            else if (c >= 0xC0)
                n = 2;
            p_.inject_text(utf8.substr(i, n));
            i += n;
        }
    }
    bool set_language(std::string_view code) override {
        const auto langs = rt_.flow().languages();
        if (std::find(langs.begin(), langs.end(), code) == langs.end())
            return false;
        const auto now = KioskRuntime::now_ms();
        rt_.flow().open_language(now);
        rt_.flow().choose_language(code, now);
        return true;
    }
    bool sync(std::string& error) override {
        const auto ticket = rt_.sync_now();
        if (!rt_.wait_for_sync(ticket, kScriptSyncTimeout)) {
            error = "no answer within " + std::to_string(kScriptSyncTimeout.count()) + " s";
            return false;
        }
        const auto st = rt_.status();
        if (!st.last_error.empty()) {
            error = st.last_error;
            return false;
        }
        return true;
    }
    bool test_mode() const override { return rt_.options().test_mode; }
    void screenshot_next_frame(const std::filesystem::path& path) override { shot_ = path; }
    std::int64_t now_ms() const override { return KioskRuntime::now_ms(); }

    std::filesystem::path take_shot() { return std::exchange(shot_, {}); }

private:
    Platform& p_;
    KioskUi& ui_;
    KioskRuntime& rt_;
    std::filesystem::path shot_;
};

// Frame times for the benchmark (ENGAGE_FRAME_STATS=FILE): microseconds per
// drawn frame (ImGui drawing plus rendering), one a line, written at exit.
struct FrameStats {
    std::string file;
    std::vector<long long> micros;
    ~FrameStats() {
        if (file.empty())
            return;
        std::ofstream f(file);
        for (auto us : micros)
            f << us << "\n";
    }
};

// A wiped visit (Start again, the inactivity wipe) must not go on being read
// aloud to whoever walks up next.
void stop_speech_if_wiped(KioskRuntime& runtime, Speaker& speaker) {
    for (const Effect& e : runtime.take_ui_effects())
        if (std::holds_alternative<StopSpeech>(e))
            speaker.stop();
}

} // namespace

int main(int argc, char** argv) {
    const auto started = Clock::now();

    // [Setup: options, data dir, runtime]
    ParsedOptions parsed = parse_options(argc, argv);
    if (!parsed.options) {
        std::cerr << "engage-kiosk: " << parsed.error << "\n" << usage();
        return 2;
    }
    Options options = *parsed.options;
    if (options.show_help) {
        std::cout << usage();
        return 0;
    }
    if (options.set_staff_pin)
        return run_set_staff_pin(options, std::cin, std::cerr);

    std::optional<ParsedScript> script;
    if (!options.script_file.empty()) {
        std::ifstream f(options.script_file);
        if (!f) {
            std::cerr << "engage-kiosk: cannot read script " << options.script_file << "\n";
            return 2;
        }
        std::stringstream ss;
        ss << f.rdbuf();
        script = parse_script(ss.str());
        if (script->error_line != 0) {
            std::cerr << "script line " << script->error_line << ": " << script->error << "\n";
            return 3;
        }
    }

    const auto exe = exe_path(argv[0]);
    const auto i18n_dir = resource_dir(options.i18n_dir, "i18n", exe);
    std::string error;
    auto catalogue = Catalogue::load(i18n_dir, error);
    if (!catalogue) {
        std::cerr << "engage-kiosk: cannot load UI text from " << i18n_dir << ": " << error << "\n";
        return 1;
    }

    auto runtime = KioskRuntime::open(options, error);
    if (!runtime) {
        std::cerr << "engage-kiosk: " << error << "\n";
        return 1;
    }

    // [Setup: Dear ImGui context, window, renderer, backends]
    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr; // a kiosk keeps no window layout on disk
    io.LogFilename = nullptr;

    PlatformOptions popts;
    popts.headless = options.headless;
    popts.fullscreen = options.fullscreen;
    window_size_from_env(popts);
    auto platform = Platform::open(popts, error);
    if (!platform) {
        std::cerr << "engage-kiosk: " << error << "\n";
        ImGui::DestroyContext();
        return 1;
    }
    runtime->set_wake_callback([p = platform.get()] { p->post_wake(); });

    // [Setup: fonts at the size the screen wants]
    KioskUi ui(*catalogue);
    auto build_fonts = [&] {
        const float px = ui.wanted_text_px(runtime->flow(), platform->width(), platform->height(),
                                           platform->dpi_scale());
        const KioskFonts fonts = load_fonts(io, px);
        if (!fonts.error.empty())
            std::cerr << "engage-kiosk: fonts: " << fonts.error << "\n";
        ui.set_fonts(fonts, px);
        platform->reload_fonts();
    };
    build_fonts();

    // [Setup: speech] Headless runs never make a sound.
    SpeakerOptions sopts;
    if (options.headless)
        sopts.output = SpeechOutput::buffer;
    Speaker speaker(sopts);

    Host host(*platform, ui, *runtime);
    std::optional<ScriptRunner> runner;
    if (script)
        runner.emplace(std::move(script->commands), options.screenshot_dir);

    FrameStats stats;
    if (const char* f = std::getenv("ENGAGE_FRAME_STATS"))
        stats.file = f;

    // [Main loop]
    int frames_wanted = 3; // the first frames settle ImGui's layout
    bool first_frame = true;
    int exit_code = 0;
    std::optional<std::int64_t> script_wake;
    bool was_speaking = false;
    bool script_wants_frames = false;
    while (true) {
        Flow& flow = runtime->flow();
        const std::int64_t now = KioskRuntime::now_ms();

        // [Poll and handle events] Sleep until input, a timer or the script.
        int timeout = -1;
        if (frames_wanted > 0) {
            timeout = 0;
        } else {
            std::optional<std::int64_t> wake = runtime->next_deadline();
            auto earlier = [&wake](std::optional<std::int64_t> t) {
                if (t && (!wake || *t < *wake))
                    wake = t;
            };
            earlier(ui.next_animation(flow, now));
            earlier(script_wake);
            const auto& ptr = platform->pointer();
            if (ptr.down && ui.in_staff_corner(ptr.x, ptr.y)) {
                const auto held = static_cast<std::int64_t>(platform->now_ms() - ptr.down_since_ms);
                earlier(now + std::max<std::int64_t>(1, KioskUi::kStaffHoldMs - held));
            }
            if (speaker.speaking())
                earlier(now + 250); // the Read aloud button shows "Stop reading" meanwhile
            if (wake)
                timeout = static_cast<int>(std::clamp<std::int64_t>(*wake - now, 0, 60'000));
        }
        platform->wait_events(timeout);
        if (platform->quit_requested())
            break;
        const std::int64_t t = KioskRuntime::now_ms();
        if (platform->take_input_seen()) {
            flow.note_activity(t);
            frames_wanted = std::max(frames_wanted, 2);
        }
        if (platform->take_resized())
            frames_wanted = std::max(frames_wanted, 2);
        flow.tick(t);
        if (runtime->apply_effects())
            frames_wanted = std::max(frames_wanted, 2);
        stop_speech_if_wiped(*runtime, speaker);
        if (auto d = runtime->next_deadline(); d && *d <= t)
            frames_wanted = std::max(frames_wanted, 1);
        if (auto a = ui.next_animation(flow, t); a && *a <= t + 1)
            frames_wanted = std::max(frames_wanted, 1);
        if (platform->pointer().down)
            frames_wanted = std::max(frames_wanted, 1);
        if (script_wake && *script_wake <= t) {
            script_wake.reset();
            script_wants_frames = true;
        }
        if (runtime->exit_requested())
            break;
        // "Read aloud" turns into "Stop reading" while speech plays, and back.
        if (const bool speaking = speaker.speaking(); speaking != was_speaking) {
            was_speaking = speaking;
            frames_wanted = std::max(frames_wanted, 1);
        }
        if (script_wants_frames)
            frames_wanted = std::max(frames_wanted, 1);
        // Something in the background changed (sync status): redraw once.
        if (frames_wanted == 0 && flow.state().screen == Screen::staff && timeout != 0)
            frames_wanted = 1;

        if (frames_wanted == 0)
            continue;

        // [Fonts] Rebuilt between frames when the text size changed.
        const float want_px =
            ui.wanted_text_px(flow, platform->width(), platform->height(), platform->dpi_scale());
        if (want_px != ui.fonts_px())
            build_fonts();

        // [Start the Dear ImGui frame, draw, render]
        const auto frame_start = Clock::now();
        platform->new_frame();
        FrameInput in;
        in.now_ms = KioskRuntime::now_ms();
        in.width = platform->width();
        in.height = platform->height();
        in.dpi_scale = platform->dpi_scale();
        const auto& ptr = platform->pointer();
        in.pointer_down = ptr.down;
        in.pointer_x = ptr.x;
        in.pointer_y = ptr.y;
        in.pointer_held_ms =
            ptr.down ? static_cast<std::int64_t>(platform->now_ms() - ptr.down_since_ms) : 0;
        in.speaking = speaker.speaking();
        for (ImWchar c : io.InputQueueCharacters) {
            // Keep typed text as UTF-8 for the text question.
            char buf[5] = {};
            const auto u = static_cast<unsigned>(c);
            if (u < 0x80) {
                buf[0] = static_cast<char>(u);
            } else if (u < 0x800) {
                buf[0] = static_cast<char>(0xC0 | (u >> 6));
                buf[1] = static_cast<char>(0x80 | (u & 0x3F));
            } else {
                buf[0] = static_cast<char>(0xE0 | (u >> 12));
                buf[1] = static_cast<char>(0x80 | ((u >> 6) & 0x3F));
                buf[2] = static_cast<char>(0x80 | (u & 0x3F));
            }
            in.typed_text += buf;
        }
        SyncStatus status;
        if (flow.state().screen == Screen::staff) {
            status = runtime->status();
            in.status = &status;
        }
        const FrameOutput out = ui.frame(flow, in);
        const float* clear_src = &theme_for(flow.state().settings.high_contrast).background.r;
        const float clear[3] = {clear_src[0], clear_src[1], clear_src[2]};
        const auto shot = host.take_shot();
        std::string shot_error;
        if (!platform->render(clear, shot, shot_error)) {
            std::cerr << "engage-kiosk: " << shot_error << "\n";
            exit_code = 4;
        }
        if (!stats.file.empty())
            stats.micros.push_back(
                std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - frame_start)
                    .count());
        if (first_frame) {
            first_frame = false;
            const auto ms =
                std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - started)
                    .count();
            std::cout << "first frame after " << ms << " ms (renderer " << platform->renderer_name()
                      << ")" << std::endl;
        }
        --frames_wanted;
        if (out.changed)
            frames_wanted = std::max(frames_wanted, 2);
        else if (out.redraw)
            frames_wanted = std::max(frames_wanted, 1);

        // [After the frame] the flow's effects (outbox, sync), then speech.
        if (runtime->apply_effects())
            frames_wanted = std::max(frames_wanted, 2);
        stop_speech_if_wiped(*runtime, speaker);
        if (out.stop_speech)
            speaker.stop();
        if (out.say) {
            speaker.set_enabled(true);
            speaker.say(*out.say, out.say_language);
        }
        if (runtime->exit_requested())
            break;

        // [Script] runs after a frame was drawn, with the registry of that frame.
        if (runner && script_wants_frames && frames_wanted <= 0) {
            script_wants_frames = false;
            const auto need = runner->advance(host);
            if (need.done) {
                if (need.exit_code != 0)
                    exit_code = need.exit_code;
                break;
            }
            if (need.exit_code != 0)
                exit_code = need.exit_code;
            if (need.frames > 0) {
                frames_wanted = std::max(frames_wanted, need.frames);
                script_wants_frames = true;
            }
            if (need.wake_at)
                script_wake = need.wake_at;
        } else if (runner && !script_wants_frames && !script_wake && frames_wanted <= 0) {
            script_wants_frames = true; // first call, after the settling frames
            frames_wanted = 1;
        }
    }

    // [Cleanup] in reverse: speech, platform (backends, renderer, window), ImGui.
    speaker.stop();
    platform.reset();
    ImGui::DestroyContext();
    return exit_code;
}
