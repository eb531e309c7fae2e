#include "kiosk/script/script.hpp"

#include "engage/text.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <fstream>
#include <iostream>
#include <sstream>

namespace engage::kiosk {

namespace {

using text::trim;

bool parse_int(std::string_view s, int& out) {
    s = trim(s);
    if (s.empty())
        return false;
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
    return ec == std::errc() && p == s.data() + s.size() && out >= 0;
}

// Longest wait or hold a script may ask for: a typo must not hang a test.
constexpr int kMaxWaitMs = 10 * 60 * 1000;
// A list longer than this many wheel notches is not one a person would scroll.
constexpr int kMaxScrollNotches = 40;

} // namespace

ParsedScript parse_script(std::string_view text) {
    ParsedScript out;
    int line_no = 0;
    std::size_t pos = 0;
    while (pos <= text.size()) {
        const std::size_t end = text.find('\n', pos);
        const std::string_view raw =
            text.substr(pos, end == std::string_view::npos ? std::string_view::npos : end - pos);
        pos = end == std::string_view::npos ? text.size() + 1 : end + 1;
        ++line_no;
        const std::string_view line = trim(raw);
        if (line.empty() || line.front() == '#')
            continue;
        const std::size_t space = line.find_first_of(" \t");
        ScriptCommand c;
        c.line = line_no;
        c.verb = std::string(line.substr(0, space));
        const std::string_view rest =
            space == std::string_view::npos ? std::string_view{} : trim(line.substr(space));
        c.arg = std::string(rest);
        auto bad = [&](std::string message) {
            out.error_line = line_no;
            out.error = std::move(message);
        };
        if (c.verb == "tap" || c.verb == "expect" || c.verb == "key" || c.verb == "shot" ||
            c.verb == "scroll" || c.verb == "tab-to" || c.verb == "language" || c.verb == "dump" ||
            c.verb == "words" || c.verb == "type") {
            if (rest.empty()) {
                bad("'" + c.verb + "' needs an argument");
                return out;
            }
        } else if (c.verb == "wait" || c.verb == "frames") {
            if (!parse_int(rest, c.number) || c.number > kMaxWaitMs) {
                bad("'" + c.verb + "' needs a whole number, got '" + std::string(rest) + "'");
                return out;
            }
        } else if (c.verb == "switch") {
            // A USB switch interface sends keys: switch 1 = Space, switch 2 = Return.
            if (rest != "1" && rest != "2") {
                bad("'switch' needs 1 or 2 (switch 1 = Space, switch 2 = Return)");
                return out;
            }
            c.number = rest == "1" ? 1 : 2;
        } else if (c.verb == "hold" || c.verb == "await" || c.verb == "await-scan") {
            // hold LABEL MS: the last word is the duration.
            const std::size_t last = rest.find_last_of(" \t");
            if (last == std::string_view::npos || !parse_int(rest.substr(last + 1), c.number) ||
                c.number > kMaxWaitMs) {
                bad("'" + c.verb + "' needs a label and milliseconds, e.g. '" + c.verb +
                    " top.corner 3500'");
                return out;
            }
            c.arg = std::string(trim(rest.substr(0, last)));
        } else if (c.verb == "sync" || c.verb == "quit" || c.verb == "close-window") {
            if (!rest.empty()) {
                bad("'" + c.verb + "' takes no argument");
                return out;
            }
        } else {
            bad("unknown command '" + c.verb + "'");
            return out;
        }
        out.commands.push_back(std::move(c));
    }
    return out;
}

ScriptRunner::ScriptRunner(std::vector<ScriptCommand> commands, std::filesystem::path output_dir)
    : commands_(std::move(commands)), output_dir_(std::move(output_dir)) {}

std::filesystem::path ScriptRunner::output_path(std::string_view name) const {
    std::filesystem::path p{std::string(name)};
    if (p.is_relative() && !output_dir_.empty())
        return output_dir_ / p;
    return p;
}

ScriptRunner::Need ScriptRunner::fail(ScriptHost& host, const ScriptCommand& c,
                                      const std::string& message) {
    std::ostringstream msg;
    msg << "script line " << c.line << ": " << c.verb << (c.arg.empty() ? "" : " ") << c.arg << ": "
        << message << " (screen: " << host.screen_name() << ")";
    error_ = msg.str();
    std::cerr << error_ << "\n";
    // Show what was on screen, so the failing test is easy to read.
    std::cerr << "  on screen:";
    for (const auto& w : host.widgets().entries())
        std::cerr << " [" << w.label_en << " | " << w.id << "]";
    std::cerr << "\n";
    host.screenshot_next_frame(output_path("error-" + std::to_string(c.line) + ".png"));
    next_ = commands_.size();
    phase_ = Phase::after_shot;
    Need n;
    n.frames = 1;
    n.exit_code = 3;
    return n;
}

ScriptRunner::Need ScriptRunner::advance(ScriptHost& host) {
    Need need;
    // Finish a command in progress first.
    switch (phase_) {
    case Phase::release_pointer:
        host.pointer_up(px_, py_);
        phase_ = Phase::idle;
        need.frames = kSettleFrames;
        return need;
    case Phase::hold_until:
        if (host.now_ms() < until_) {
            need.wake_at = until_;
            return need;
        }
        host.pointer_up(px_, py_);
        phase_ = Phase::idle;
        need.frames = kSettleFrames;
        return need;
    case Phase::scrolling: {
        const auto& c = commands_[next_ - 1];
        const auto target = host.widgets().find(c.arg);
        if (!target)
            return fail(host, c, "no widget with that label or id is on screen");
        if (target->visible) {
            phase_ = Phase::idle;
            break; // on to the next command, with this frame's widgets
        }
        // Turn the wheel over the list that holds the widget: any widget of
        // a scrolled list that is in view is over it.
        const WidgetEntry* over = nullptr;
        for (const auto& w : host.widgets().entries())
            if (w.in_region && w.visible && w.id != target->id) {
                over = &w;
                break;
            }
        if (notches_left_-- <= 0)
            return fail(host, c, "the wheel did not bring it into view");
        if (!over) {
            // Nothing of the list is wholly in view (a tall question above
            // answers that peek in at the bottom): turn the wheel over the
            // target's own top edge, which is in the list's view if any of it is.
            host.wheel(target->rect.cx(), target->rect.y + 4, -1);
            need.frames = 2;
            return need;
        }
        host.wheel(over->rect.cx(), over->rect.cy(), target->rect.cy() > over->rect.cy() ? -1 : 1);
        need.frames = 2;
        return need;
    }
    case Phase::release_key:
        host.key_up(key_);
        phase_ = back_to_tabbing_ ? Phase::tabbing : Phase::idle;
        back_to_tabbing_ = false;
        need.frames = kSettleFrames;
        return need;
    case Phase::tabbing: {
        const auto& c = commands_[next_ - 1];
        const auto w = host.widgets().find(c.arg);
        if (w && host.focused_id() == w->id) {
            phase_ = Phase::idle;
            break; // focused: the next command (key Return) presses it
        }
        if (tabs_left_-- <= 0)
            return fail(host, c,
                        "Tab did not reach it in " + std::to_string(kMaxTabTo) + " presses");
        key_ = "Tab";
        host.key_down(key_);
        back_to_tabbing_ = true;
        phase_ = Phase::release_key;
        need.frames = 1;
        return need;
    }
    case Phase::waiting:
        if (host.now_ms() < until_) {
            need.wake_at = until_;
            return need;
        }
        phase_ = Phase::idle;
        need.frames = 2;
        return need;
    case Phase::awaiting: {
        const auto& c = commands_[next_ - 1];
        if (const auto w = host.widgets().find(c.arg); w && w->visible && w->enabled) {
            phase_ = Phase::idle;
            break; // on to the next command, with this frame's widgets
        }
        if (host.now_ms() >= until_)
            return fail(host, c,
                        "not on screen and enabled within " + std::to_string(c.number) + " ms");
        // Look again after the next frame: whatever is awaited arrives with a redraw.
        need.wake_at = std::min(until_, host.now_ms() + kAwaitPollMs);
        return need;
    }
    case Phase::awaiting_scan: {
        const auto& c = commands_[next_ - 1];
        // The widget itself, or the row holding it (a press goes into the row).
        if (const auto w = host.widgets().find(c.arg)) {
            const auto ids = host.scan_highlight();
            if (std::find(ids.begin(), ids.end(), w->id) != ids.end()) {
                phase_ = Phase::idle;
                break; // the switch press that follows acts on this highlight
            }
        }
        if (host.now_ms() >= until_)
            return fail(host, c,
                        "the scan did not reach it within " + std::to_string(c.number) + " ms");
        need.wake_at = std::min(until_, host.now_ms() + kAwaitPollMs);
        return need;
    }
    case Phase::after_shot:
        phase_ = Phase::idle;
        if (!error_.empty()) {
            need.done = true;
            need.exit_code = 3;
            return need;
        }
        break;
    case Phase::idle:
        break;
    }

    while (next_ < commands_.size()) {
        const ScriptCommand& c = commands_[next_++];
        if (c.verb == "scroll") {
            // Like a person with a mouse: the wheel over the list, a notch at
            // a time, until the widget is in view (it may already be).
            phase_ = Phase::scrolling;
            notches_left_ = kMaxScrollNotches;
            need.frames = 1;
            return need;
        }
        if (c.verb == "tap" || c.verb == "hold" || c.verb == "expect") {
            const auto w = host.widgets().find(c.arg);
            if (!w)
                return fail(host, c, "no widget with that label or id is on screen");
            if (!w->visible)
                return fail(host, c, "that widget is scrolled out of view");
            if (c.verb == "expect")
                continue;
            if (!w->enabled)
                return fail(host, c, "that widget is disabled");
            px_ = w->rect.cx();
            py_ = w->rect.cy();
            host.pointer_down(px_, py_);
            if (c.verb == "tap") {
                phase_ = Phase::release_pointer;
                need.frames = 1;
            } else {
                phase_ = Phase::hold_until;
                until_ = host.now_ms() + c.number;
                need.frames = 1;
            }
            return need;
        }
        if (c.verb == "await") {
            phase_ = Phase::awaiting;
            until_ = host.now_ms() + c.number;
            need.frames = 1;
            return need;
        }
        if (c.verb == "tab-to") {
            // Real Tab key presses until the focus is on it (keys-only visits
            // that do not break when a screen gains or loses a button).
            phase_ = Phase::tabbing;
            tabs_left_ = kMaxTabTo;
            need.frames = 1;
            return need;
        }
        if (c.verb == "await-scan") {
            phase_ = Phase::awaiting_scan;
            until_ = host.now_ms() + c.number;
            need.frames = 1;
            return need;
        }
        if (c.verb == "switch") {
            // Real key events, the same input path as the switch interface's.
            key_ = c.number == 1 ? "Space" : "Return";
            if (!host.key_down(key_))
                return fail(host, c, "the switch's key could not be sent");
            phase_ = Phase::release_key;
            need.frames = 1;
            return need;
        }
        if (c.verb == "key") {
            if (!host.key_down(c.arg))
                return fail(host, c,
                            "unknown key name (use SDL names: Tab, Return, Space, Left...)");
            key_ = c.arg;
            phase_ = Phase::release_key;
            need.frames = 1;
            return need;
        }
        if (c.verb == "type") {
            host.type_text(c.arg);
            need.frames = kSettleFrames;
            return need;
        }
        if (c.verb == "close-window") {
            host.close_window();
            need.frames = kSettleFrames;
            return need;
        }
        if (c.verb == "wait") {
            phase_ = Phase::waiting;
            until_ = host.now_ms() + c.number;
            need.wake_at = until_;
            return need;
        }
        if (c.verb == "frames") {
            need.frames = std::max(1, c.number);
            return need;
        }
        if (c.verb == "shot") {
            std::string name = c.arg;
            if (std::filesystem::path(name).extension() != ".png")
                name += ".png";
            host.screenshot_next_frame(output_path(name));
            phase_ = Phase::after_shot;
            need.frames = 1;
            return need;
        }
        if (c.verb == "language") {
            if (!host.set_language(c.arg))
                return fail(host, c, "not one of this kiosk's languages");
            need.frames = kSettleFrames;
            return need;
        }
        if (c.verb == "sync") {
            // It uploads at once whatever the privacy rules say: never outside tests.
            if (!host.test_mode())
                return fail(host, c,
                            "'sync' needs --test-mode on the command line (it uploads ignoring "
                            "the upload delay and min batch, so only tests and the demo may)");
            std::string err;
            if (!host.sync(err))
                return fail(host, c, "sync did not succeed: " + err);
            need.frames = 2;
            return need;
        }
        if (c.verb == "dump" || c.verb == "words") {
            if (c.verb == "words" && !host.test_mode())
                return fail(host, c,
                            "'words' needs --test-mode (the words of a visit are a record "
                            "of it, like a screenshot)");
            const auto path = output_path(c.arg);
            std::error_code ec;
            if (path.has_parent_path())
                std::filesystem::create_directories(path.parent_path(), ec);
            std::ofstream f(path);
            f << (c.verb == "dump" ? host.widgets().to_json() : host.screen_words()) << "\n";
            if (!f)
                return fail(host, c, "could not write " + path.string());
            continue;
        }
        if (c.verb == "quit") {
            next_ = commands_.size();
            need.done = true;
            return need;
        }
    }
    need.done = true;
    return need;
}

} // namespace engage::kiosk
