#pragma once
// Text helpers the whole project shares (core, kiosk, server): one `trim`
// and one UTF-8 reader and writer, so that every part agrees on what
// "whitespace" and "valid UTF-8" mean. Pure functions; thread-safe.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace engage::text {

// `s` without leading and trailing ASCII whitespace (space, \t, \n, \v, \f, \r).
// Never touches non-ASCII bytes, so it cannot split a UTF-8 sequence.
std::string_view trim(std::string_view s);

// Reads the code point starting at s[i] and moves i past it. False (and i,
// cp unchanged) for invalid UTF-8: a stray continuation byte, a truncated,
// overlong or surrogate sequence, or a value above U+10FFFF.
bool next_code_point(std::string_view s, std::size_t& i, char32_t& cp);

// Every code point of `s`, or nullopt when `s` is not valid UTF-8.
std::optional<std::u32string> decode_utf8(std::string_view s);

// Appends the UTF-8 form of `cp`; a surrogate or a value above U+10FFFF is
// written as U+FFFD (the replacement character), so the output stays valid.
void append_utf8(std::string& out, char32_t cp);
// The UTF-8 form of every code point in `cps` (see append_utf8).
std::string encode_utf8(std::u32string_view cps);

// The longest prefix of `s` of at most `max_bytes` that does not end inside a
// UTF-8 sequence.
std::string_view cut_utf8(std::string_view s, std::size_t max_bytes);
// Removes the last character (the last lead byte and its continuation bytes).
void pop_back_utf8(std::string& s);
// Splits `s` into characters, one view per lead byte and its continuation
// bytes (no validation: invalid input still splits into pieces).
std::vector<std::string_view> split_utf8(std::string_view s);

} // namespace engage::text
