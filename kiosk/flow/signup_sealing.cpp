#include "kiosk/flow/signup_sealing.hpp"

#include "engage/limits.hpp"
#include "engage/sealing.hpp"
#include "engage/version.hpp"

#include <array>
#include <boost/json/monotonic_resource.hpp>
#include <boost/json/serializer.hpp>
#include <boost/json/value.hpp>
#include <memory>
#include <sodium.h>

namespace engage::kiosk {

namespace {

// Big enough for any sign-up (the sealed box itself is capped at
// limits::max_sealed_bytes of base64), so the JSON tree never spills onto the heap.
constexpr std::size_t payload_buffer_bytes = 64 * 1024;

boost::json::value answer_value(const Answer& a, boost::json::storage_ptr sp) {
    return std::visit(
        [&](const auto& v) -> boost::json::value {
            using T = std::decay_t<decltype(v)>;
            if constexpr (std::is_same_v<T, MultiChoice>) {
                boost::json::array arr(sp);
                for (const auto& m : v) {
                    arr.emplace_back(m);
                }
                return boost::json::value(std::move(arr));
            } else if constexpr (std::is_same_v<T, FreeText>) {
                return boost::json::value(boost::json::string_view(v.text), sp);
            } else if constexpr (std::is_same_v<T, Choice>) {
                return boost::json::value(boost::json::string_view(v), sp);
            } else {
                return boost::json::value(v, sp);
            }
        },
        a);
}

} // namespace

std::optional<std::string> seal_signup(const FormVersion& form, const Answers& answers,
                                       std::string_view language,
                                       std::string_view coordinator_public_key_b64) {
    // The plaintext is built in buffers this function owns and wipes: the
    // JSON tree in a fixed arena, the text in a string reserved up front so
    // it never reallocates and leaves copies behind.
    auto arena = std::make_unique<std::array<unsigned char, payload_buffer_bytes>>();
    std::string plaintext;
    plaintext.reserve(payload_buffer_bytes);
    bool fits = true;
    {
        boost::json::monotonic_resource mr(arena->data(), arena->size());
        boost::json::storage_ptr sp(&mr);
        boost::json::object obj(sp);
        obj["sealed_payload_version"] = sealed_payload_version;
        obj["form"] = form.slug;
        obj["version"] = form.version;
        obj["language"] = language;
        boost::json::object ans(sp);
        for (const auto& [id, a] : answers) {
            ans[id] = answer_value(a, sp);
        }
        obj["answers"] = std::move(ans);
        boost::json::value payload(std::move(obj), sp);

        boost::json::serializer sr;
        sr.reset(&payload);
        std::array<char, 4096> chunk{};
        while (!sr.done()) {
            auto part = sr.read(chunk.data(), chunk.size());
            if (plaintext.size() + part.size() > plaintext.capacity()) {
                fits = false;
                break;
            }
            plaintext.append(part.data(), part.size());
        }
        sodium_memzero(chunk.data(), chunk.size());
    }
    sodium_memzero(arena->data(), arena->size());
    if (!fits) {
        wipe_string(plaintext);
        return std::nullopt;
    }
    auto sealed = seal(plaintext, coordinator_public_key_b64);
    wipe_string(plaintext);
    if (sealed && sealed->size() > limits::max_sealed_bytes) {
        return std::nullopt;
    }
    return sealed;
}

void wipe_string(std::string& s) {
    if (!s.empty()) {
        sodium_memzero(s.data(), s.size());
    }
    s.clear();
    s.shrink_to_fit();
}

void wipe_answers(Answers& answers) {
    for (auto& [id, answer] : answers) {
        if (auto* choice = std::get_if<Choice>(&answer)) {
            wipe_string(*choice);
        } else if (auto* text = std::get_if<FreeText>(&answer)) {
            wipe_string(text->text);
        } else if (auto* multi = std::get_if<MultiChoice>(&answer)) {
            for (auto& m : *multi) {
                wipe_string(m);
            }
        }
    }
    answers.clear();
}

} // namespace engage::kiosk
