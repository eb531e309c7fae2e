#pragma once
// Bound values for one statement ($1, $2, ...), in libpq's text format.
// Built once per statement; a value is copied in, so a Params never points
// at a caller's temporary.
//
// Thread safety: a plain value.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace engage::pg {

class Params {
public:
    Params() = default;
    template <typename... Values>
    explicit Params(const Values&... values) {
        values_.reserve(sizeof...(values));
        (add(values), ...);
    }

    Params& add(std::string_view text) {
        values_.emplace_back(std::string(text));
        return *this;
    }
    Params& add(const std::string& text) { return add(std::string_view(text)); }
    Params& add(const char* text) { return add(std::string_view(text)); }
    Params& add(std::int64_t value) {
        values_.emplace_back(std::to_string(value));
        return *this;
    }
    Params& add(int value) { return add(static_cast<std::int64_t>(value)); }
    Params& add(bool value) {
        values_.emplace_back(value ? "t" : "f");
        return *this;
    }
    Params& add(std::nullopt_t) {
        values_.emplace_back(std::nullopt);
        return *this;
    }
    template <typename T>
    Params& add(const std::optional<T>& value) {
        return value ? add(*value) : add(std::nullopt);
    }

    int size() const noexcept { return static_cast<int>(values_.size()); }
    // libpq's arrays: a null pointer stands for SQL NULL. Valid until the
    // next add.
    std::vector<const char*> pointers() const;

private:
    std::vector<std::optional<std::string>> values_;
};

} // namespace engage::pg
