// engage-kiosk: the touchscreen program (issue 4). The main loop follows the
// Dear ImGui 1.86 SDL_Renderer example in labelled steps, with one change
// that matters for a kiosk left on all day: it draws only when something
// changed (input, a flow timer, an animation, news from the sync thread) and
// otherwise sleeps in SDL_WaitEventTimeout, so an idle kiosk uses next to no CPU.
#include "engage/text.hpp"
#include "kiosk/config/device_profile.hpp"
#include "kiosk/config/options.hpp"
#include "kiosk/i18n/catalogue.hpp"
#include "kiosk/platform/platform.hpp"
#include "kiosk/platform/redraw_scheduler.hpp"
#include "kiosk/platform/service_notifier.hpp"
#include "kiosk/platform/terminal_echo.hpp"
#include "kiosk/platform/zero_on_free.hpp"
#include "kiosk/runtime/display_dimmer.hpp"
#include "kiosk/runtime/kiosk_runtime.hpp"
#include "kiosk/screens/kiosk_ui.hpp"
#include "kiosk/script/script.hpp"
#include "kiosk/speech/speaker.hpp"
#include "kiosk/staff/pin_checker.hpp"
#include "kiosk/staff/pin_lockout.hpp"
#include "kiosk/text/display_text.hpp"
#include "kiosk/text/fonts.hpp"
#include "kiosk/text/text_pipeline.hpp"
#include "kiosk/widgets/theme.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <imgui.h>
#include <iostream>
#include <memory>
#include <sstream>
#include <string>
#include <thread>
#include <unistd.h>
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

// The script's view of the running program.
class Host final : public ScriptHost {
public:
    Host(Platform& p, KioskUi& ui, KioskRuntime& rt, bool test_mode)
        : p_(p), ui_(ui), rt_(rt), test_mode_(test_mode) {}
    const WidgetRegistry& widgets() const override { return ui_.registry(); }
    std::string screen_name() const override {
        return std::string(to_string(rt_.flow().state().screen));
    }
    void pointer_down(float x, float y) override { p_.inject_pointer_down(x, y); }
    void pointer_up(float x, float y) override { p_.inject_pointer_up(x, y); }
    void wheel(float x, float y, int notches) override { p_.inject_wheel(x, y, notches); }
    bool key_down(std::string_view name) override { return p_.inject_key_down(name); }
    void key_up(std::string_view name) override { p_.inject_key_up(name); }
    void type_text(std::string_view utf8) override {
        // One SDL text event per character, as a keyboard sends them.
        for (const auto c : engage::text::split_utf8(utf8))
            p_.inject_text(c);
    }
    void close_window() override { p_.inject_window_close(); }
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
    // A screenshot of a visit is a record of it: only under --test-mode.
    void screenshot_next_frame(const std::filesystem::path& path) override {
        if (test_mode_)
            shot_ = path;
    }
    std::int64_t now_ms() const override { return KioskRuntime::now_ms(); }
    std::string screen_words() const override {
        return test_mode_ ? ui_.screen_words() : std::string{};
    }
    std::vector<std::string> scan_highlight() const override {
        return ui_.scanner().highlight().ids;
    }
    std::string focused_id() const override { return ui_.focus().focused_id(); }

    std::filesystem::path take_shot() { return std::exchange(shot_, {}); }

private:
    Platform& p_;
    KioskUi& ui_;
    KioskRuntime& rt_;
    bool test_mode_ = false;
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

std::int64_t wall_seconds() {
    return std::chrono::duration_cast<std::chrono::seconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

// The effects the flow leaves to the app (KioskRuntime::take_ui_effects).
// Returns true when a visit ended.
bool apply_ui_effects(KioskRuntime& runtime, Speaker& speaker, StaffPinChecker& pins) {
    bool visit_ended = false;
    for (Effect& e : runtime.take_ui_effects()) {
        if (std::holds_alternative<StopSpeech>(e)) {
            // A wiped visit must not go on being read aloud to whoever walks up next.
            speaker.stop();
        } else if (std::holds_alternative<VisitEnded>(e)) {
            visit_ended = true;
        } else if (auto* pin = std::get_if<CheckStaffPin>(&e)) {
            pins.check(std::move(pin->pin), std::move(pin->hash));
        }
    }
    return visit_ended;
}

// Issue 8: what one person typed must not stay in the kiosk's memory for the
// next. The flow wipes its answers; these are the app's own copies.
void forget_visit(KioskUi& ui) {
    ui.forget_visit();     // keyboard and screen memory, Read aloud text
    forget_display_text(); // shaped right-to-left text, typed text included
    ImGuiIO& io = ImGui::GetIO();
    if (io.InputQueueCharacters.Data != nullptr) // typed characters, as UTF-16
        explicit_bzero(io.InputQueueCharacters.Data,
                       static_cast<std::size_t>(io.InputQueueCharacters.Capacity) *
                           sizeof(ImWchar));
    burn_stack(); // short strings of the screens' draw calls, kept inline on the stack
}

// --test-hang-after-frames: the loop stops for good, as a deadlock would stop
// it, so a test can watch the watchdog pings end. Only SIGKILL (the test's,
// or the service manager's after the watchdog fired) ends the process.
[[noreturn]] void hang_for_test(ServiceNotifier& notifier) {
    notifier.status("main loop hung on purpose (--test-hang-after-frames)");
    while (true)
        std::this_thread::sleep_for(std::chrono::hours(1));
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
    if (options.set_staff_pin) {
        // From a terminal the PIN is typed unseen; from a pipe it is read as is.
        TerminalEchoOff no_echo(STDIN_FILENO);
        if (no_echo.active())
            std::cerr << "New staff PIN (6 to 12 digits, not shown), then Enter:" << std::endl;
        return run_set_staff_pin(options, std::cin, std::cerr);
    }
    if (!options.screenshot_dir.empty() && !options.test_mode) {
        std::cerr << "engage-kiosk: --screenshot-dir needs --test-mode (a screenshot of a visit "
                     "is a record of it)\n";
        return 2;
    }

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
        for (const auto& c : script->commands) {
            // Both record what a visit showed.
            if ((c.verb == "shot" || c.verb == "words") && !options.test_mode) {
                std::cerr << "script line " << c.line << ": " << c.verb << " needs --test-mode\n";
                return 3;
            }
        }
    }

    std::optional<DeviceProfile> profile;
    if (!options.profile.empty()) {
        std::string profile_error;
        profile = load_device_profile(options.profile, profile_dirs(), profile_error);
        if (!profile) {
            std::cerr << "engage-kiosk: " << profile_error << "\n";
            return 2;
        }
        options.default_text_size_step = profile->text_size_step;
    }
    std::string error;
    // --i18n-dir wins; else --assets-dir's i18n/; else the assets lookup.
    const auto i18n_option = options.i18n_dir.empty() && !options.assets_dir.empty()
                                 ? options.assets_dir / "i18n"
                                 : options.i18n_dir;
    const auto i18n_dir = resource_dir(i18n_option, "i18n", error);
    if (i18n_dir.empty()) {
        std::cerr << "engage-kiosk: cannot find the UI text: " << error << "\n";
        return 1;
    }
    // One line, so an operator (and the package test) sees which copy is used.
    std::cerr << "engage-kiosk: UI text from " << i18n_dir.string() << "\n";
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
    zero_on_free_for_imgui();
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr; // a kiosk keeps no window layout on disk
    io.LogFilename = nullptr;

    PlatformOptions popts;
    popts.headless = options.headless;
    popts.fullscreen = options.fullscreen;
    // A fullscreen kiosk is left only through staff mode's Exit (behind the
    // PIN) or a signal from the system: closing the window or Alt+F4 does nothing.
    popts.ignore_window_close = options.fullscreen;
    if (profile) {
        popts.width = profile->width;
        popts.height = profile->height;
        popts.renderer = profile->renderer;
        popts.dpi_scale = profile->scale;
    }
    window_size_from_env(popts); // a test's size wins over the profile's
    auto platform = Platform::open(popts, error);
    if (!platform) {
        std::cerr << "engage-kiosk: " << error << "\n";
        ImGui::DestroyContext();
        return 1;
    }
    runtime->set_wake_callback([p = platform.get()] { p->post_wake(); });

    // [Setup: fonts at the size the screen wants]
    KioskUi ui(*catalogue);
    ui.set_scan_timing({options.scan_interval_ms, options.scan_cycles});
    auto build_fonts = [&] {
        const float px = ui.wanted_text_px(runtime->flow(), platform->width(), platform->height(),
                                           platform->dpi_scale());
        FontOptions font_options;
        font_options.bar_pixel_size = ui.wanted_bar_px(runtime->flow(), platform->width(),
                                                       platform->height(), platform->dpi_scale());
        const KioskFonts fonts = load_fonts(io, px, font_options);
        if (!fonts.error.empty())
            std::cerr << "engage-kiosk: fonts: " << fonts.error << "\n";
        platform->set_glyph_cache(fonts.text ? &fonts.text->glyphs() : nullptr);
        ui.set_fonts(fonts, px);
        platform->reload_fonts();
    };
    build_fonts();

    // [Setup: speech] Headless runs never make a sound.
    SpeakerOptions sopts;
    if (options.headless)
        sopts.output = SpeechOutput::buffer;
    if (const char* wav = std::getenv("ENGAGE_SPEECH_WAV"); wav != nullptr && *wav != '\0') {
        // A WAV of what was read aloud is a recording of a visit.
        if (options.test_mode)
            sopts.wav_file = wav;
        else
            std::cerr << "engage-kiosk: ENGAGE_SPEECH_WAV ignored without --test-mode\n";
    }
    Speaker speaker(sopts);
    // The languages Read aloud can read (espeak-ng's voices, found once at
    // start); the others say "No voice for this language" on the button.
    std::vector<std::string> voiced;
    for (const auto& code : catalogue->languages()) {
        if (speaker.available() && speaker.has_voice(code))
            voiced.push_back(code);
    }
    ui.set_voices(std::move(voiced));

    // [Setup: staff PIN] checked off the UI thread; wrong PINs counted across restarts.
    StaffPinChecker pin_checker([p = platform.get()] { p->post_wake(); });
    StaffPinLockout lockout(options.data_dir, wall_seconds());

    Host host(*platform, ui, *runtime, options.test_mode);
    std::optional<ScriptRunner> runner;
    if (script)
        runner.emplace(std::move(script->commands), options.screenshot_dir);

    FrameStats stats;
    if (const char* f = std::getenv("ENGAGE_FRAME_STATS"))
        stats.file = f;

    // [Main loop] fed to the service manager's watchdog (issue 13).
    ServiceNotifier notifier;
    int frames_drawn = 0;
    RedrawScheduler redraw;
    if (runner)
        redraw.attach_script();
    bool first_frame = true;
    int exit_code = 0;
    // [Display] dimmed on the closed screen when nobody touches it (issue 13).
    DisplayDimmer dimmer(options.display_request,
                         static_cast<std::int64_t>(options.dim_after_seconds) * 1000);
    std::int64_t last_input_ms = KioskRuntime::now_ms();
    while (true) {
        Flow& flow = runtime->flow();
        const std::int64_t now = KioskRuntime::now_ms();

        // [Poll and handle events] Sleep until input, a timer or the script.
        std::optional<std::int64_t> wake = runtime->next_deadline();
        auto earlier = [&wake](std::optional<std::int64_t> t) {
            if (t && (!wake || *t < *wake))
                wake = t;
        };
        earlier(ui.next_animation(flow, now));
        if (const auto& ptr = platform->pointer(); ptr.down && ui.in_staff_corner(ptr.x, ptr.y)) {
            const auto held = static_cast<std::int64_t>(platform->now_ms() - ptr.down_since_ms);
            earlier(now + std::max<std::int64_t>(1, KioskUi::kStaffHoldMs - held));
        }
        earlier(dimmer.next_deadline(flow.state().screen == Screen::closed, last_input_ms, now));
        if (speaker.speaking())
            earlier(now + 250); // the Read aloud button shows "Stop reading" meanwhile
        if (flow.state().staff_pin_locked)
            earlier(now + 1000 * std::max<std::int64_t>(1, lockout.locked_until() -
                                                               wall_seconds())); // unlocks
        // The watchdog wants a ping even from an idle kiosk: wake for it.
        const int timeout = notifier.sleep_ms(redraw.sleep_ms(now, wake));
        platform->wait_events(timeout);
        notifier.alive();
        if (platform->quit_requested())
            break;
        const std::int64_t t = KioskRuntime::now_ms();
        if (platform->take_input_seen()) {
            flow.note_activity(t);
            last_input_ms = t;
            redraw.changed();
        }
        if (platform->take_resized())
            redraw.changed();
        flow.tick(t);
        if (runtime->apply_effects())
            redraw.changed();
        if (apply_ui_effects(*runtime, speaker, pin_checker))
            forget_visit(ui);
        if (auto right = pin_checker.take_result()) {
            std::string lock_error;
            if (!lockout.record(*right, wall_seconds(), lock_error))
                std::cerr << "engage-kiosk: staff PIN lock-out not saved: " << lock_error << "\n";
            flow.set_staff_pin_locked(lockout.locked(wall_seconds()));
            flow.staff_pin_checked(*right, t);
            redraw.changed();
        }
        if (flow.state().screen == Screen::staff_pin) {
            if (const bool locked = lockout.locked(wall_seconds());
                locked != flow.state().staff_pin_locked) {
                flow.set_staff_pin_locked(locked);
                redraw.changed();
            }
        }
        dimmer.update(flow.state().screen == Screen::closed, last_input_ms, t);
        redraw.once_if_due(runtime->next_deadline(), t);
        redraw.once_if_due(ui.next_animation(flow, t), t + 1);
        if (platform->pointer().down)
            redraw.once();
        redraw.woke(t);
        if (runtime->exit_requested())
            break;
        redraw.speaking(speaker.speaking());
        // The staff screen shows sync status, which changes in the background:
        // any wake that was not a busy poll redraws it once.
        if (flow.state().screen == Screen::staff && timeout != 0)
            redraw.once();

        if (!redraw.wants_frame())
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
        // Keep typed text as UTF-8 for the text question.
        for (ImWchar c : io.InputQueueCharacters)
            engage::text::append_utf8(in.typed_text, static_cast<char32_t>(c));
        SyncStatus status;
        if (flow.state().screen == Screen::staff) {
            status = runtime->status();
            in.status = &status;
        }
        const FrameOutput out = ui.frame(flow, in);
        const Rgb background = theme_for(flow.state().settings.high_contrast).background;
        const float clear[3] = {background.r, background.g, background.b};
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
            notifier.ready();
        }
        redraw.frame_drawn();
        if (++frames_drawn == options.test_hang_after_frames)
            hang_for_test(notifier);
        if (out.changed)
            redraw.changed();
        else if (out.redraw)
            redraw.once();

        // [After the frame] the flow's effects (outbox, sync), then speech.
        if (runtime->apply_effects())
            redraw.changed();
        if (apply_ui_effects(*runtime, speaker, pin_checker))
            forget_visit(ui);
        speak_frame(out, speaker);
        if (runtime->exit_requested())
            break;

        // [Script] runs after a frame was drawn, with the registry of that frame.
        if (runner && redraw.script_turn_now()) {
            const auto need = runner->advance(host);
            if (need.exit_code != 0)
                exit_code = need.exit_code;
            if (need.done)
                break;
            redraw.script_step_done(need.frames, need.wake_at);
        }
    }

    // [Cleanup] in reverse: speech, platform (backends, renderer, window), ImGui.
    speaker.stop();
    platform->set_glyph_cache(nullptr); // glyph textures go with the renderer, not after it
    platform.reset();
    ImGui::DestroyContext();
    return exit_code;
}
