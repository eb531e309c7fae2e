// The appliance path in CI (issue 13): the real engage-kiosk under Debian's
// cage with wlroots' headless backend and pixman renderer, as an
// unprivileged user, with Xwayland installed: first frame, a scripted visit,
// then idle, where its CPU and memory (PSS) are measured and printed for
// both renderers. The figures are reported, never pass/fail.
#include "e2e/visit_scripts.hpp"
#include "kiosk_app_fixture.hpp"
#include "support/child_process.hpp"

#include <catch2/catch.hpp>
#include <fstream>
#include <iostream>
#include <pwd.h>
#include <sstream>
#include <thread>
#include <unistd.h>

using namespace engage::test;
using namespace std::chrono_literals;

namespace {

// Startup, the visit and the idle window, on a loaded 2-core machine.
constexpr auto run_limit = 180s;
// How long the idle kiosk is watched for its CPU time (the script waits longer).
constexpr auto idle_window = 3s;

bool on_path(const char* program) {
    return run_program({"/bin/sh", "-c", std::string("command -v ") + program}).exit_code == 0;
}

// utime + stime in clock ticks (/proc/PID/stat fields 14 and 15).
long long cpu_ticks(pid_t pid) {
    std::ifstream f("/proc/" + std::to_string(pid) + "/stat");
    std::string all((std::istreambuf_iterator<char>(f)), {});
    std::istringstream rest(all.substr(all.rfind(')') + 2)); // after "(comm) "
    std::string field;
    long long utime = 0, stime = 0;
    for (int i = 3; i <= 15 && rest >> field; ++i) {
        if (i == 14)
            utime = std::stoll(field);
        if (i == 15)
            stime = std::stoll(field);
    }
    return utime + stime;
}

// Proportional set size in kB (/proc/PID/smaps_rollup), 0 when unreadable.
long long pss_kb(pid_t pid) {
    std::ifstream f("/proc/" + std::to_string(pid) + "/smaps_rollup");
    for (std::string line; std::getline(f, line);)
        if (line.starts_with("Pss:"))
            return std::stoll(line.substr(4));
    return 0;
}

// The first child of `parent` (cage runs exactly one: the kiosk).
pid_t child_of(pid_t parent) {
    std::ifstream f("/proc/" + std::to_string(parent) + "/task/" + std::to_string(parent) +
                    "/children");
    pid_t child = 0;
    f >> child;
    return child;
}

std::string read_all(const std::filesystem::path& file) {
    std::ifstream f(file);
    return {std::istreambuf_iterator<char>(f), {}};
}

} // namespace

TEST_CASE("the kiosk runs under cage headless as an unprivileged user: first frame, a visit, "
          "idle",
          "[kiosk][app][cage]") {
    if (!on_path("cage")) {
        WARN("skipped: Debian's cage is not installed (scripts/setup.sh installs it)");
        return;
    }
    // GL (SDL's default on a display: OpenGL on Mesa's llvmpipe here) or
    // software, talking Wayland to cage or X11 to its Xwayland.
    const auto [renderer, video] = GENERATE(table<std::string, std::string>(
        {{"gl", "wayland"}, {"software", "wayland"}, {"software", "x11"}}));
    INFO("renderer " << renderer << ", SDL video driver " << video);
    const auto data = make_kiosk_data();
    const auto shots = screenshot_dir("cage-" + renderer + "-" + video);
    const auto runtime_dir = data->dir / "xdg-runtime";
    std::filesystem::create_directory(runtime_dir);
    std::filesystem::permissions(runtime_dir, std::filesystem::perms::owner_all);
    std::ofstream(data->dir / "script.txt") << feedback_visit << R"(
dump visited.json
wait 8000
quit
)";

    std::vector<std::string> argv;
    if (getuid() == 0) {
        // As root, the kiosk still runs as nobody, as the appliance's
        // engage-kiosk user would: nothing of it may need privileges.
        const passwd* nobody = getpwnam("nobody");
        REQUIRE(nobody != nullptr);
        for (const auto& e : std::filesystem::recursive_directory_iterator(data->dir.path()))
            REQUIRE(chown(e.path().c_str(), nobody->pw_uid, nobody->pw_gid) == 0);
        REQUIRE(chown(data->dir.path().c_str(), nobody->pw_uid, nobody->pw_gid) == 0);
        REQUIRE(chown(shots.c_str(), nobody->pw_uid, nobody->pw_gid) == 0);
        argv = {"/usr/bin/setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups"};
    }
    argv.insert(argv.end(), {"/usr/bin/env",
                             "-i",
                             "PATH=/usr/bin:/bin",
                             "HOME=" + data->dir.path().string(),
                             "XDG_RUNTIME_DIR=" + runtime_dir.string(),
                             "WLR_BACKENDS=headless",
                             "WLR_RENDERER=pixman",
                             "WLR_LIBINPUT_NO_DEVICES=1",
                             "SDL_VIDEODRIVER=wayland",
                             "/usr/bin/cage",
                             "-d",
                             "--",
                             kiosk_program().string(),
                             "--data",
                             data->dir.path().string(),
                             "--fullscreen",
                             "--test-mode",
                             "--script",
                             (data->dir / "script.txt").string(),
                             "--screenshot-dir",
                             shots.string()});
    if (renderer == "software")
        argv.insert(argv.end(), {"--profile", "panel-10"}); // renderer = software
    const auto out = data->dir / "out.txt";
    const auto err = data->dir / "err.txt";
    ChildProcess cage(argv, ChildIo{{}, out, err});

    // The visit is over once the script dumps the attract screen it came back to.
    const auto visited = shots / "visited.json";
    const auto end = std::chrono::steady_clock::now() + run_limit;
    while (!std::filesystem::exists(visited) && cage.running() &&
           std::chrono::steady_clock::now() < end)
        std::this_thread::sleep_for(50ms); // polling for the file, not waiting for time to pass
    // Skipped only when cage itself could not start: the kiosk never ran.
    if (!std::filesystem::exists(visited) && !cage.running() &&
        read_all(out).find("first frame") == std::string::npos &&
        read_all(err).find("engage-kiosk") == std::string::npos) {
        WARN("skipped: cage could not start here: " << read_all(err));
        return;
    }
    INFO("stdout: " << read_all(out) << "\nstderr: " << read_all(err));
    REQUIRE(std::filesystem::exists(visited));
    CHECK(find_widget(read_widgets(visited), "attract.start"));

    // [Idle] The script sleeps 8 s: measure within it.
    const pid_t kiosk = child_of(cage.pid());
    REQUIRE(kiosk > 0);
    const long long ticks0 = cpu_ticks(kiosk);
    const long long cage_ticks0 = cpu_ticks(cage.pid());
    const auto t0 = std::chrono::steady_clock::now();
    std::this_thread::sleep_for(idle_window); // the measurement window
    const long long ticks1 = cpu_ticks(kiosk);
    const long long cage_ticks1 = cpu_ticks(cage.pid());
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    const double hz = static_cast<double>(sysconf(_SC_CLK_TCK));
    const long long kiosk_pss = pss_kb(kiosk);
    const long long cage_pss = pss_kb(cage.pid());

    const auto status = cage.wait_for(run_limit);
    REQUIRE(status);
    CHECK(status->exited);
    CHECK(status->code == 0);
    const std::string printed = read_all(out);
    const auto at = printed.find("first frame after ");
    REQUIRE(at != std::string::npos);
    const std::string first_frame = printed.substr(at, printed.find('\n', at) - at);
    // Which renderer SDL really used ("opengles2"/"opengl" or "software").
    if (renderer == "software")
        CHECK(first_frame.find("renderer software") != std::string::npos);
    else
        CHECK(first_frame.find("renderer software") == std::string::npos);

    std::cout << "cage, " << renderer << " renderer, " << video << ": " << first_frame
              << "; idle CPU kiosk " << 100.0 * static_cast<double>(ticks1 - ticks0) / hz / seconds
              << "%, cage " << 100.0 * static_cast<double>(cage_ticks1 - cage_ticks0) / hz / seconds
              << "%; PSS kiosk " << kiosk_pss / 1024 << " MB, cage " << cage_pss / 1024 << " MB"
              << std::endl;
}
