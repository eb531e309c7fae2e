#include "kiosk/widgets/icons.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <string_view>

namespace engage::kiosk {

namespace {

constexpr float kPi = 3.14159265f;

ImVec2 at(ImVec2 c, float s, float x, float y) {
    return ImVec2(c.x + x * s, c.y + y * s);
}

void line(ImDrawList* dl, ImVec2 c, float s, float x0, float y0, float x1, float y1, ImU32 col,
          float w) {
    dl->AddLine(at(c, s, x0, y0), at(c, s, x1, y1), col, w);
}

void arrow(ImDrawList* dl, ImVec2 c, float s, ImU32 fg, float w, bool left) {
    const float d = left ? -1.0f : 1.0f;
    line(dl, c, s, -0.38f * d, 0, 0.38f * d, 0, fg, w);
    line(dl, c, s, 0.38f * d, 0, 0.08f * d, -0.3f, fg, w);
    line(dl, c, s, 0.38f * d, 0, 0.08f * d, 0.3f, fg, w);
}

void person(ImDrawList* dl, ImVec2 c, float s, ImU32 fg, float dx, float scale) {
    dl->AddCircleFilled(at(c, s, dx, -0.2f * scale), 0.15f * s * scale, fg, 24);
    dl->AddRectFilled(at(c, s, dx - 0.24f * scale, 0.02f * scale),
                      at(c, s, dx + 0.24f * scale, 0.42f * scale), fg, 0.16f * s * scale,
                      ImDrawFlags_RoundCornersTop);
}

void star(ImDrawList* dl, ImVec2 c, float s, ImU32 fg) {
    std::array<ImVec2, 10> pts{};
    for (int i = 0; i < 10; ++i) {
        const float r = (i % 2 == 0) ? 0.45f : 0.19f;
        const float a = -kPi / 2 + static_cast<float>(i) * kPi / 5;
        pts[static_cast<std::size_t>(i)] = at(c, s, r * std::cos(a), r * std::sin(a));
    }
    // A star is concave: fill as triangles from the centre.
    for (int i = 0; i < 10; ++i)
        dl->AddTriangleFilled(c, pts[static_cast<std::size_t>(i)],
                              pts[static_cast<std::size_t>((i + 1) % 10)], fg);
}

void mouth(ImDrawList* dl, ImVec2 c, float s, float curve, ImU32 col, float w) {
    // A parabola from (-0.22, y0) to (0.22, y0); curve > 0 smiles.
    std::array<ImVec2, 13> pts{};
    for (int i = 0; i < 13; ++i) {
        const float x = -0.22f + 0.44f * static_cast<float>(i) / 12.0f;
        const float t = x / 0.22f;
        const float y = 0.18f + curve * (1.0f - t * t) - curve * 0.5f;
        pts[static_cast<std::size_t>(i)] = at(c, s, x, y);
    }
    dl->AddPolyline(pts.data(), 13, col, ImDrawFlags_None, w);
}

} // namespace

void draw_face(ImDrawList* dl, int value, ImVec2 c, float size, ImU32 fg, ImU32 bg) {
    const float s = size;
    const float w = std::max(2.0f, s * 0.06f);
    dl->AddCircleFilled(c, 0.46f * s, fg, 48);
    dl->AddCircleFilled(c, 0.46f * s - w, bg, 48);
    // Eyes.
    dl->AddCircleFilled(at(c, s, -0.15f, -0.1f), 0.05f * s, fg, 16);
    dl->AddCircleFilled(at(c, s, 0.15f, -0.1f), 0.05f * s, fg, 16);
    // The saddest face has raised inner brows and a tear, so 1 and 2 differ
    // by shape, not only by mouth depth. (Brows slanting down to the middle
    // read as angry: "very bad" is about the visit, not a cross person.)
    if (value <= 1) {
        line(dl, c, s, -0.26f, -0.17f, -0.08f, -0.24f, fg, w * 0.8f);
        line(dl, c, s, 0.26f, -0.17f, 0.08f, -0.24f, fg, w * 0.8f);
        const ImVec2 tear = at(c, s, 0.17f, 0.06f);
        dl->AddCircleFilled(tear, 0.045f * s, fg, 12);
        dl->AddTriangleFilled(ImVec2(tear.x - 0.045f * s, tear.y),
                              ImVec2(tear.x, tear.y - 0.1f * s),
                              ImVec2(tear.x + 0.045f * s, tear.y), fg);
    }
    static constexpr std::array<float, 5> curves{-0.16f, -0.08f, 0.0f, 0.08f, 0.16f};
    const int v = value < 1 ? 1 : (value > 5 ? 5 : value);
    if (v == 5) {
        // Open smile: a filled half moon.
        dl->PathArcTo(at(c, s, 0, 0.08f), 0.22f * s, 0.0f, kPi, 24);
        dl->PathFillConvex(fg);
        return;
    }
    mouth(dl, c, s, curves[static_cast<std::size_t>(v - 1)], fg, w);
}

bool known_icon(std::string_view n) {
    static constexpr std::array<std::string_view, 47> names{
        "star",        "shield",   "tick",       "cross",       "half",      "people",
        "person",      "hands",    "food",       "shower",      "talk",      "info",
        "health",      "home",     "phone",      "skip",        "pencil",    "bed",
        "clock",       "coat",     "mail",       "question",    "snow",      "feedback",
        "poll",        "mentor",   "help",       "globe",       "text-size", "text-smaller",
        "text-bigger", "contrast", "speaker",    "speaker-off", "restart",   "back",
        "next",        "send",     "keyboard",   "lock",        "choice",    "choice-on",
        "read-aloud",  "delete",   "easy-words", "switch",      "settings"};
    for (auto k : names) {
        if (k == n)
            return true;
    }
    return false;
}

void draw_icon(ImDrawList* dl, std::string_view n, ImVec2 c, float size, ImU32 fg, ImU32 bg,
               bool mirror) {
    const float s = size;
    const float w = std::max(2.0f, s * 0.08f);
    if (n == "tick") {
        const ImVec2 pts[3] = {at(c, s, -0.32f, 0.02f), at(c, s, -0.08f, 0.26f),
                               at(c, s, 0.34f, -0.26f)};
        dl->AddPolyline(pts, 3, fg, ImDrawFlags_None, w * 1.4f);
    } else if (n == "cross") {
        line(dl, c, s, -0.28f, -0.28f, 0.28f, 0.28f, fg, w * 1.4f);
        line(dl, c, s, 0.28f, -0.28f, -0.28f, 0.28f, fg, w * 1.4f);
    } else if (n == "half" || n == "contrast") {
        dl->AddCircle(c, 0.4f * s, fg, 48, w);
        dl->PathArcTo(c, 0.4f * s, -kPi / 2, kPi / 2, 24);
        dl->PathFillConvex(fg);
    } else if (n == "star") {
        star(dl, c, s, fg);
    } else if (n == "shield") {
        const ImVec2 pts[6] = {at(c, s, 0, -0.44f),    at(c, s, 0.36f, -0.3f),
                               at(c, s, 0.32f, 0.1f),  at(c, s, 0, 0.44f),
                               at(c, s, -0.32f, 0.1f), at(c, s, -0.36f, -0.3f)};
        dl->AddPolyline(pts, 6, fg, ImDrawFlags_Closed, w);
        const ImVec2 tick[3] = {at(c, s, -0.15f, 0.0f), at(c, s, -0.03f, 0.12f),
                                at(c, s, 0.17f, -0.12f)};
        dl->AddPolyline(tick, 3, fg, ImDrawFlags_None, w);
    } else if (n == "people" || n == "mentor") {
        person(dl, c, s, fg, -0.2f, 0.85f);
        person(dl, c, s, fg, 0.2f, 0.85f);
    } else if (n == "person") {
        person(dl, c, s, fg, 0, 1.0f);
    } else if (n == "hands") {
        // A heart: care offered.
        dl->AddCircleFilled(at(c, s, -0.15f, -0.1f), 0.17f * s, fg, 24);
        dl->AddCircleFilled(at(c, s, 0.15f, -0.1f), 0.17f * s, fg, 24);
        dl->AddTriangleFilled(at(c, s, -0.315f, -0.03f), at(c, s, 0.315f, -0.03f),
                              at(c, s, 0, 0.38f), fg);
    } else if (n == "food") {
        dl->PathArcTo(at(c, s, 0, 0.02f), 0.4f * s, 0, kPi, 24);
        dl->PathFillConvex(fg);
        for (float x : {-0.14f, 0.0f, 0.14f})
            line(dl, c, s, x, -0.1f, x + 0.03f, -0.36f, fg, w * 0.8f);
    } else if (n == "shower") {
        line(dl, c, s, -0.3f, -0.4f, -0.3f, -0.25f, fg, w);
        line(dl, c, s, -0.3f, -0.4f, 0.05f, -0.4f, fg, w);
        dl->AddTriangleFilled(at(c, s, -0.1f, -0.22f), at(c, s, 0.2f, -0.22f),
                              at(c, s, 0.05f, -0.38f), fg);
        for (float x : {-0.08f, 0.05f, 0.18f})
            for (float y : {-0.05f, 0.15f, 0.35f})
                dl->AddCircleFilled(at(c, s, x + y * 0.1f, y), 0.035f * s, fg, 8);
    } else if (n == "talk" || n == "feedback") {
        dl->AddRectFilled(at(c, s, -0.42f, -0.36f), at(c, s, 0.42f, 0.2f), fg, 0.12f * s);
        dl->AddTriangleFilled(at(c, s, -0.2f, 0.18f), at(c, s, 0.02f, 0.18f),
                              at(c, s, -0.26f, 0.42f), fg);
        for (float x : {-0.2f, 0.0f, 0.2f})
            dl->AddCircleFilled(at(c, s, x, -0.08f), 0.05f * s, bg, 12);
    } else if (n == "info" || n == "question") {
        dl->AddCircle(c, 0.42f * s, fg, 48, w);
        if (n == "info") {
            dl->AddCircleFilled(at(c, s, 0, -0.2f), 0.06f * s, fg, 12);
            line(dl, c, s, 0, -0.05f, 0, 0.26f, fg, w * 1.2f);
        } else {
            dl->PathArcTo(at(c, s, 0, -0.1f), 0.13f * s, -kPi, kPi * 0.4f, 16);
            dl->PathLineTo(at(c, s, 0, 0.1f));
            dl->PathStroke(fg, ImDrawFlags_None, w);
            dl->AddCircleFilled(at(c, s, 0, 0.25f), 0.05f * s, fg, 12);
        }
    } else if (n == "health") {
        dl->AddRectFilled(at(c, s, -0.12f, -0.38f), at(c, s, 0.12f, 0.38f), fg);
        dl->AddRectFilled(at(c, s, -0.38f, -0.12f), at(c, s, 0.38f, 0.12f), fg);
    } else if (n == "home") {
        dl->AddTriangleFilled(at(c, s, -0.44f, -0.02f), at(c, s, 0.44f, -0.02f),
                              at(c, s, 0, -0.42f), fg);
        dl->AddRectFilled(at(c, s, -0.3f, -0.04f), at(c, s, 0.3f, 0.4f), fg);
        dl->AddRectFilled(at(c, s, -0.08f, 0.14f), at(c, s, 0.08f, 0.4f), bg);
    } else if (n == "phone") {
        dl->AddRect(at(c, s, -0.2f, -0.42f), at(c, s, 0.2f, 0.42f), fg, 0.07f * s, 0, w);
        dl->AddCircleFilled(at(c, s, 0, 0.3f), 0.045f * s, fg, 12);
        line(dl, c, s, -0.07f, -0.32f, 0.07f, -0.32f, fg, w * 0.7f);
    } else if (n == "skip" || n == "next" || n == "back") {
        const bool left = (n == "back") != mirror;
        arrow(dl, c, s, fg, w * 1.2f, left);
        if (n == "skip") {
            const float x = left ? -0.44f : 0.44f;
            line(dl, c, s, x, -0.3f, x, 0.3f, fg, w * 1.2f);
        }
    } else if (n == "pencil" || n == "keyboard") {
        if (n == "keyboard") {
            dl->AddRect(at(c, s, -0.44f, -0.26f), at(c, s, 0.44f, 0.26f), fg, 0.06f * s, 0, w);
            for (float y : {-0.11f, 0.03f})
                for (float x = -0.32f; x <= 0.33f; x += 0.16f)
                    dl->AddRectFilled(at(c, s, x - 0.04f, y - 0.04f),
                                      at(c, s, x + 0.04f, y + 0.04f), fg);
            line(dl, c, s, -0.2f, 0.16f, 0.2f, 0.16f, fg, w);
        } else {
            const ImVec2 body[4] = {at(c, s, 0.22f, -0.4f), at(c, s, 0.38f, -0.24f),
                                    at(c, s, -0.18f, 0.32f), at(c, s, -0.34f, 0.16f)};
            dl->AddConvexPolyFilled(body, 4, fg);
            dl->AddTriangleFilled(at(c, s, -0.34f, 0.2f), at(c, s, -0.22f, 0.32f),
                                  at(c, s, -0.42f, 0.4f), fg);
        }
    } else if (n == "bed") {
        dl->AddRectFilled(at(c, s, -0.44f, 0.0f), at(c, s, 0.44f, 0.2f), fg);
        dl->AddRectFilled(at(c, s, -0.44f, -0.3f), at(c, s, -0.36f, 0.36f), fg);
        dl->AddRectFilled(at(c, s, 0.36f, 0.0f), at(c, s, 0.44f, 0.36f), fg);
        dl->AddRectFilled(at(c, s, -0.32f, -0.16f), at(c, s, -0.08f, -0.02f), fg, 0.05f * s);
    } else if (n == "clock") {
        dl->AddCircle(c, 0.42f * s, fg, 48, w);
        line(dl, c, s, 0, 0, 0, -0.28f, fg, w);
        line(dl, c, s, 0, 0, 0.2f, 0.08f, fg, w);
    } else if (n == "coat") {
        const ImVec2 pts[8] = {at(c, s, -0.14f, -0.4f), at(c, s, 0.14f, -0.4f),
                               at(c, s, 0.42f, -0.2f),  at(c, s, 0.34f, 0.05f),
                               at(c, s, 0.24f, 0.0f),   at(c, s, 0.24f, 0.42f),
                               at(c, s, -0.24f, 0.42f), at(c, s, -0.24f, 0.0f)};
        dl->AddPolyline(pts, 8, fg, ImDrawFlags_Closed, w);
        line(dl, c, s, 0, -0.3f, 0, 0.42f, fg, w * 0.7f);
    } else if (n == "mail") {
        dl->AddRect(at(c, s, -0.42f, -0.28f), at(c, s, 0.42f, 0.28f), fg, 0, 0, w);
        const ImVec2 v[3] = {at(c, s, -0.42f, -0.28f), at(c, s, 0, 0.06f), at(c, s, 0.42f, -0.28f)};
        dl->AddPolyline(v, 3, fg, ImDrawFlags_None, w);
    } else if (n == "snow") {
        for (int i = 0; i < 3; ++i) {
            const float a = static_cast<float>(i) * kPi / 3;
            line(dl, c, s, -0.4f * std::cos(a), -0.4f * std::sin(a), 0.4f * std::cos(a),
                 0.4f * std::sin(a), fg, w);
        }
    } else if (n == "poll") {
        // A ballot box with a paper going in.
        dl->AddRectFilled(at(c, s, -0.4f, -0.05f), at(c, s, 0.4f, 0.42f), fg, 0.04f * s);
        dl->AddRectFilled(at(c, s, -0.2f, -0.02f), at(c, s, 0.2f, 0.04f), bg);
        dl->AddRectFilled(at(c, s, -0.16f, -0.42f), at(c, s, 0.16f, 0.0f), fg);
        const ImVec2 tick[3] = {at(c, s, -0.09f, -0.22f), at(c, s, -0.02f, -0.14f),
                                at(c, s, 0.1f, -0.32f)};
        dl->AddPolyline(tick, 3, bg, ImDrawFlags_None, w * 0.7f);
    } else if (n == "help") {
        // A lifebuoy: a ring with four bands.
        dl->AddCircle(c, 0.32f * s, fg, 48, 0.16f * s);
        for (int i = 0; i < 4; ++i) {
            const float a = kPi / 4 + static_cast<float>(i) * kPi / 2;
            dl->AddLine(at(c, s, 0.22f * std::cos(a), 0.22f * std::sin(a)),
                        at(c, s, 0.42f * std::cos(a), 0.42f * std::sin(a)), bg, 0.1f * s);
        }
    } else if (n == "globe") {
        dl->AddCircle(c, 0.42f * s, fg, 48, w);
        for (int i = 0; i < 32; ++i) {
            const float a = static_cast<float>(i) * 2 * kPi / 32;
            dl->PathLineTo(at(c, s, 0.18f * std::cos(a), 0.42f * std::sin(a)));
        }
        dl->PathStroke(fg, ImDrawFlags_Closed, w);
        line(dl, c, s, -0.42f, 0, 0.42f, 0, fg, w);
    } else if (n == "text-size" || n == "text-smaller" || n == "text-bigger") {
        // A letter A with a minus or plus beside it.
        const float k = n == "text-smaller" ? 0.7f : 1.0f;
        const float ox = n == "text-size" ? 0.0f : -0.12f;
        line(dl, c, s, ox - 0.26f * k, 0.36f, ox, 0.36f - 0.72f * k, fg, w);
        line(dl, c, s, ox, 0.36f - 0.72f * k, ox + 0.26f * k, 0.36f, fg, w);
        line(dl, c, s, ox - 0.15f * k, 0.36f - 0.3f * k, ox + 0.15f * k, 0.36f - 0.3f * k, fg, w);
        if (n != "text-size") {
            line(dl, c, s, 0.24f, -0.18f, 0.46f, -0.18f, fg, w);
            if (n == "text-bigger")
                line(dl, c, s, 0.35f, -0.29f, 0.35f, -0.07f, fg, w);
        }
    } else if (n == "speaker" || n == "speaker-off") {
        const ImVec2 cone[4] = {at(c, s, -0.4f, -0.12f), at(c, s, -0.18f, -0.12f),
                                at(c, s, 0.02f, -0.34f), at(c, s, 0.02f, 0.34f)};
        dl->AddConvexPolyFilled(cone, 4, fg);
        dl->AddRectFilled(at(c, s, -0.4f, -0.12f), at(c, s, -0.18f, 0.12f), fg);
        dl->AddTriangleFilled(at(c, s, -0.18f, 0.12f), at(c, s, 0.02f, 0.34f),
                              at(c, s, -0.18f, -0.12f), fg);
        if (n == "speaker") {
            dl->PathArcTo(at(c, s, 0.02f, 0), 0.2f * s, -kPi / 4, kPi / 4, 12);
            dl->PathStroke(fg, ImDrawFlags_None, w);
            dl->PathArcTo(at(c, s, 0.02f, 0), 0.36f * s, -kPi / 4, kPi / 4, 12);
            dl->PathStroke(fg, ImDrawFlags_None, w);
        } else {
            line(dl, c, s, 0.14f, -0.16f, 0.42f, 0.16f, fg, w);
            line(dl, c, s, 0.42f, -0.16f, 0.14f, 0.16f, fg, w);
        }
    } else if (n == "restart") {
        dl->PathArcTo(c, 0.32f * s, -kPi * 0.35f, kPi * 1.4f, 32);
        dl->PathStroke(fg, ImDrawFlags_None, w * 1.2f);
        const ImVec2 tip = at(c, s, 0.32f * std::cos(-kPi * 0.35f), 0.32f * std::sin(-kPi * 0.35f));
        dl->AddTriangleFilled(ImVec2(tip.x - 0.16f * s, tip.y - 0.1f * s),
                              ImVec2(tip.x + 0.1f * s, tip.y - 0.14f * s),
                              ImVec2(tip.x + 0.02f * s, tip.y + 0.14f * s), fg);
    } else if (n == "send") {
        const ImVec2 plane[3] = {at(c, s, -0.42f, -0.34f), at(c, s, 0.44f, 0),
                                 at(c, s, -0.42f, 0.34f)};
        dl->AddTriangleFilled(plane[0], plane[1], plane[2], fg);
        dl->AddTriangleFilled(at(c, s, -0.42f, -0.34f), at(c, s, -0.18f, 0),
                              at(c, s, -0.42f, 0.34f), bg);
    } else if (n == "lock") {
        dl->AddRectFilled(at(c, s, -0.3f, -0.04f), at(c, s, 0.3f, 0.42f), fg, 0.05f * s);
        dl->PathArcTo(at(c, s, 0, -0.1f), 0.2f * s, kPi, 2 * kPi, 16);
        dl->PathStroke(fg, ImDrawFlags_None, w);
        line(dl, c, s, -0.2f, -0.1f, -0.2f, -0.04f, fg, w);
        line(dl, c, s, 0.2f, -0.1f, 0.2f, -0.04f, fg, w);
    } else if (n == "choice" || n == "choice-on") {
        // A radio circle: hollow until chosen, then with a filled centre.
        dl->AddCircle(c, 0.3f * s, fg, 32, w);
        if (n == "choice-on")
            dl->AddCircleFilled(c, 0.17f * s, fg, 24);
    } else if (n == "settings") {
        // Three sliders, each with its knob at another place: the usual sign
        // for settings (a gear's teeth blur at bar size). Not "text-size",
        // not "contrast": one picture, one meaning.
        const float ys[3] = {-0.26f, 0.0f, 0.26f};
        const float knobs[3] = {-0.16f, 0.18f, -0.02f};
        for (int i = 0; i < 3; ++i) {
            line(dl, c, s, -0.4f, ys[i], 0.4f, ys[i], fg, w);
            dl->AddCircleFilled(at(c, s, knobs[i], ys[i]), s * 0.09f, fg, 16);
        }
    } else if (n == "switch") {
        // A big round switch seen from above (switch scanning): a ring and
        // its button, not a toggle picture read as on/off by its colour.
        dl->AddCircle(c, s * 0.42f, fg, 32, std::max(2.0f, s * 0.08f));
        dl->AddCircleFilled(c, s * 0.24f, fg, 32);
    } else if (n == "easy-words") {
        // A picture beside a few short lines: easy-read pages put a picture
        // by each sentence. (Not "info", not "read-aloud": one picture, one meaning.)
        const float m = mirror ? -1.0f : 1.0f;
        const ImVec2 a = at(c, s, -0.44f * m, -0.3f);
        const ImVec2 b = at(c, s, -0.04f * m, 0.3f);
        const ImVec2 lo(std::min(a.x, b.x), a.y);
        const ImVec2 hi(std::max(a.x, b.x), b.y);
        dl->AddRect(lo, hi, fg, 0.06f * s, 0, w);
        // A sun and a hill inside the frame: the usual sign for "picture".
        dl->AddCircleFilled(at(c, s, -0.14f * m, -0.14f), 0.06f * s, fg, 12);
        dl->AddTriangleFilled(at(c, s, -0.4f * m, 0.26f), at(c, s, -0.08f * m, 0.26f),
                              at(c, s, -0.26f * m, 0.0f), fg);
        line(dl, c, s, 0.08f * m, -0.2f, 0.44f * m, -0.2f, fg, w);
        line(dl, c, s, 0.08f * m, 0.0f, 0.44f * m, 0.0f, fg, w);
        line(dl, c, s, 0.08f * m, 0.2f, 0.32f * m, 0.2f, fg, w);
    } else if (n == "read-aloud") {
        // Lines of words with sound coming from them: read this screen
        // (the plain speaker means the speech setting).
        line(dl, c, s, -0.42f, -0.22f, 0.0f, -0.22f, fg, w);
        line(dl, c, s, -0.42f, 0.0f, 0.0f, 0.0f, fg, w);
        line(dl, c, s, -0.42f, 0.22f, -0.1f, 0.22f, fg, w);
        const float m = mirror ? -1.0f : 1.0f;
        dl->PathArcTo(at(c, s, 0.08f * m, 0), 0.18f * s, mirror ? kPi * 0.75f : -kPi / 4,
                      mirror ? kPi * 1.25f : kPi / 4, 12);
        dl->PathStroke(fg, ImDrawFlags_None, w);
        dl->PathArcTo(at(c, s, 0.08f * m, 0), 0.34f * s, mirror ? kPi * 0.75f : -kPi / 4,
                      mirror ? kPi * 1.25f : kPi / 4, 12);
        dl->PathStroke(fg, ImDrawFlags_None, w);
    } else if (n == "delete") {
        // The backspace key's shape with a cross: remove the last letter
        // (the plain arrow means Back).
        const ImVec2 key[5] = {at(c, s, -0.44f, 0), at(c, s, -0.2f, -0.28f),
                               at(c, s, 0.42f, -0.28f), at(c, s, 0.42f, 0.28f),
                               at(c, s, -0.2f, 0.28f)};
        dl->AddPolyline(key, 5, fg, ImDrawFlags_Closed, w);
        line(dl, c, s, -0.02f, -0.12f, 0.22f, 0.12f, fg, w);
        line(dl, c, s, 0.22f, -0.12f, -0.02f, 0.12f, fg, w);
    } else {
        dl->AddCircleFilled(c, 0.16f * s, fg, 24);
    }
}

} // namespace engage::kiosk
