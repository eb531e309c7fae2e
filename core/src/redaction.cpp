#include "engage/redaction.hpp"

#include "engage/form.hpp"
#include "engage/limits.hpp"
#include "engage/submission.hpp"

#include <algorithm>
#include <array>
#include <sodium.h>
#include <variant>
#include <vector>

// Hand-written scanners, each linear in the text: std::regex in libstdc++
// recurses per character and overflows the stack on long inputs.
// The scanners look at ASCII bytes only, and run over a folded copy of the
// text (see fold()) in which Arabic-Indic and Persian digits are ASCII digits,
// so "٠٧٧٠٠ ٩٠٠١٢٣" is found like "07700 900123". Other UTF-8 lead and
// continuation bytes (>= 0x80) count as "not a letter or digit", so a span
// never starts or ends inside a multi-byte character.

namespace engage {

namespace {

struct Span {
    std::size_t begin;
    std::size_t end;
};

bool is_digit(char c) {
    return c >= '0' && c <= '9';
}
bool is_letter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
bool is_alnum(char c) {
    return is_digit(c) || is_letter(c);
}
bool is_space(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}
char lower(char c) {
    return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

bool word_start(std::string_view t, std::size_t i) {
    return i == 0 || !is_alnum(t[i - 1]);
}
bool word_end(std::string_view t, std::size_t i) {
    return i >= t.size() || !is_alnum(t[i]);
}

bool starts_with_nocase(std::string_view t, std::size_t i, std::string_view prefix) {
    if (t.size() - i < prefix.size()) {
        return false;
    }
    for (std::size_t k = 0; k < prefix.size(); ++k) {
        if (lower(t[i + k]) != prefix[k]) {
            return false;
        }
    }
    return true;
}

// End of a URL tail: up to whitespace or a quote/angle bracket, minus
// trailing punctuation ("see www.example.org." keeps its full stop).
std::size_t url_tail_end(std::string_view t, std::size_t i) {
    while (i < t.size() && !is_space(t[i]) && t[i] != '<' && t[i] != '>' && t[i] != '"') {
        ++i;
    }
    while (i > 0 && std::string_view(".,;:!?)'\"").find(t[i - 1]) != std::string_view::npos) {
        --i;
    }
    return i;
}

// [SECTION] Folding: the text the scanners see

// The text with every Arabic-Indic digit (U+0660-0669, two UTF-8 bytes) and
// Persian/Extended digit (U+06F0-06F9) replaced by its ASCII digit, no-break
// spaces (U+00A0, U+202F) by a space, and invisible direction marks (U+200E,
// U+200F, U+061C, U+2066-2069) left out: right-to-left keyboards put those
// between digits, and a number must not escape by them. `origin[i]` is the
// byte offset in the original text where folded byte i starts, with one
// more entry for the end, so a span found in the folded text maps back.
struct Folded {
    std::string text;
    std::vector<std::size_t> origin;
};

Folded fold(std::string_view t) {
    Folded f;
    f.text.reserve(t.size());
    f.origin.reserve(t.size() + 1);
    auto byte = [&t](std::size_t i) { return static_cast<unsigned char>(t[i]); };
    std::size_t i = 0;
    while (i < t.size()) {
        const unsigned char b0 = byte(i);
        const unsigned char b1 = i + 1 < t.size() ? byte(i + 1) : 0;
        const unsigned char b2 = i + 2 < t.size() ? byte(i + 2) : 0;
        if (b0 == 0xD9 && b1 >= 0xA0 && b1 <= 0xA9) { // U+0660-0669
            f.origin.push_back(i);
            f.text.push_back(static_cast<char>('0' + (b1 - 0xA0)));
            i += 2;
        } else if (b0 == 0xDB && b1 >= 0xB0 && b1 <= 0xB9) { // U+06F0-06F9
            f.origin.push_back(i);
            f.text.push_back(static_cast<char>('0' + (b1 - 0xB0)));
            i += 2;
        } else if (b0 == 0xC2 && b1 == 0xA0) { // U+00A0
            f.origin.push_back(i);
            f.text.push_back(' ');
            i += 2;
        } else if (b0 == 0xE2 && b1 == 0x80 && b2 == 0xAF) { // U+202F
            f.origin.push_back(i);
            f.text.push_back(' ');
            i += 3;
        } else if ((b0 == 0xE2 && b1 == 0x80 && (b2 == 0x8E || b2 == 0x8F)) || // U+200E/F
                   (b0 == 0xE2 && b1 == 0x81 && b2 >= 0xA6 && b2 <= 0xA9)) {   // U+2066-2069
            i += 3;                            // invisible: belongs to the byte before it
        } else if (b0 == 0xD8 && b1 == 0x9C) { // U+061C ARABIC LETTER MARK
            i += 2;
        } else {
            f.origin.push_back(i);
            f.text.push_back(t[i]);
            ++i;
        }
    }
    f.origin.push_back(t.size());
    return f;
}

// [SECTION] E-mail addresses: local@domain.tld

void add_email_spans(std::string_view t, std::vector<Span>& spans) {
    auto local_char = [](char c) {
        return is_alnum(c) || std::string_view("._%+-").find(c) != std::string_view::npos;
    };
    auto domain_char = [](char c) { return is_alnum(c) || c == '.' || c == '-'; };
    for (std::size_t at = t.find('@'); at != std::string_view::npos; at = t.find('@', at + 1)) {
        std::size_t b = at;
        while (b > 0 && local_char(t[b - 1])) {
            --b;
        }
        std::size_t e = at + 1;
        while (e < t.size() && domain_char(t[e])) {
            ++e;
        }
        while (e > at + 1 && (t[e - 1] == '.' || t[e - 1] == '-')) {
            --e;
        }
        const std::string_view domain = t.substr(at + 1, e - at - 1);
        const auto dot = domain.rfind('.');
        if (b == at || dot == std::string_view::npos || dot == 0) {
            continue;
        }
        const std::string_view tld = domain.substr(dot + 1);
        if (tld.size() >= 2 && std::all_of(tld.begin(), tld.end(), is_letter)) {
            spans.push_back({b, e});
        }
    }
}

// [SECTION] Web addresses: http(s)://..., www...., bare example.org/...

constexpr std::array<std::string_view, 13> known_tlds = {
    "com", "org", "net", "uk", "io", "info", "me", "gov", "nhs", "ly", "co", "eu", "scot"};

void add_url_spans(std::string_view t, std::vector<Span>& spans) {
    std::size_t i = 0;
    while (i < t.size()) {
        if (word_start(t, i) &&
            (starts_with_nocase(t, i, "http://") || starts_with_nocase(t, i, "https://") ||
             starts_with_nocase(t, i, "www."))) {
            const std::size_t e = url_tail_end(t, i);
            if (e > i + 4) {
                spans.push_back({i, e});
                i = e;
                continue;
            }
        }
        // A bare domain: a run of [A-Za-z0-9.-] whose last label is a known TLD.
        if (is_alnum(t[i]) &&
            (i == 0 || !(is_alnum(t[i - 1]) || t[i - 1] == '.' || t[i - 1] == '-'))) {
            std::size_t e = i;
            while (e < t.size() && (is_alnum(t[e]) || t[e] == '.' || t[e] == '-')) {
                ++e;
            }
            std::size_t run_end = e;
            while (run_end > i && (t[run_end - 1] == '.' || t[run_end - 1] == '-')) {
                --run_end;
            }
            const std::string_view run = t.substr(i, run_end - i);
            const auto dot = run.rfind('.');
            if (dot != std::string_view::npos && dot > 0 &&
                run.find("..") == std::string_view::npos) {
                std::string tld(run.substr(dot + 1));
                std::transform(tld.begin(), tld.end(), tld.begin(), lower);
                if (std::find(known_tlds.begin(), known_tlds.end(), tld) != known_tlds.end()) {
                    std::size_t end = run_end;
                    if (end < t.size() && t[end] == '/') {
                        end = std::max(end, url_tail_end(t, end));
                    }
                    spans.push_back({i, end});
                    i = end;
                    continue;
                }
            }
            i = e;
            continue;
        }
        ++i;
    }
}

// [SECTION] UK postcodes: A9 9AA, A99 9AA, A9A 9AA, AA9 9AA, AA99 9AA, AA9A 9AA

// Length of a postcode starting at i, or 0.
std::size_t postcode_at(std::string_view t, std::size_t i) {
    for (std::size_t letters = 2; letters >= 1; --letters) {
        for (std::size_t extra = 0; extra <= 1; ++extra) {
            for (std::size_t space = 0; space <= 1; ++space) {
                const std::size_t len = letters + 1 + extra + space + 3;
                if (t.size() - i < len) {
                    continue;
                }
                std::size_t p = i;
                bool ok = true;
                for (std::size_t k = 0; k < letters; ++k) {
                    ok = ok && is_letter(t[p++]);
                }
                ok = ok && is_digit(t[p++]);
                if (extra == 1) {
                    ok = ok && is_alnum(t[p++]);
                }
                if (space == 1) {
                    ok = ok && t[p++] == ' ';
                }
                ok = ok && is_digit(t[p]) && is_letter(t[p + 1]) && is_letter(t[p + 2]);
                if (ok && word_end(t, i + len)) {
                    return len;
                }
            }
        }
    }
    return 0;
}

void add_postcode_spans(std::string_view t, std::vector<Span>& spans) {
    for (std::size_t i = 0; i < t.size(); ++i) {
        if (is_letter(t[i]) && word_start(t, i)) {
            if (const std::size_t len = postcode_at(t, i)) {
                spans.push_back({i, i + len});
                i += len - 1;
            }
        }
    }
}

// [SECTION] UK National Insurance numbers: AB 12 34 56 C

// Two letters, six digits, one suffix letter A-D, with or without spaces
// ("AB123456C", "ab 12 34 56 c"), and without the suffix, which people
// often leave off. HMRC's prefix rules (no D, F, I, Q, U, V; no O second;
// not BG, GB, KN, NK, NT, TN, ZZ) are deliberately not applied: a number
// typed from memory may have a wrong prefix and is still someone's, and
// removing a few characters too many costs nothing.
std::size_t ni_number_at(std::string_view t, std::size_t i) {
    if (t.size() - i < 8 || !is_letter(t[i]) || !is_letter(t[i + 1])) {
        return 0;
    }
    std::size_t p = i + 2;
    auto skip_space = [&t, &p] {
        if (p < t.size() && t[p] == ' ') {
            ++p;
        }
    };
    skip_space();
    for (int pair = 0; pair < 3; ++pair) {
        if (pair > 0) {
            skip_space();
        }
        if (p + 1 >= t.size() || !is_digit(t[p]) || !is_digit(t[p + 1])) {
            return 0;
        }
        p += 2;
    }
    const std::size_t digits_end = p;
    skip_space();
    if (p < t.size()) {
        const char suffix = lower(t[p]);
        if (suffix >= 'a' && suffix <= 'd' && word_end(t, p + 1)) {
            return p + 1 - i;
        }
    }
    return word_end(t, digits_end) ? digits_end - i : 0;
}

void add_ni_number_spans(std::string_view t, std::vector<Span>& spans) {
    for (std::size_t i = 0; i + 1 < t.size(); ++i) {
        if (is_letter(t[i]) && word_start(t, i)) {
            if (const std::size_t len = ni_number_at(t, i)) {
                spans.push_back({i, i + len});
                i += len - 1;
            }
        }
    }
}

// [SECTION] Phone numbers and long digit runs

// A run of digits with short separators (space, dash, dot, brackets),
// optionally led by "+" or "(".
void add_number_spans(std::string_view t, std::vector<Span>& spans) {
    std::size_t i = 0;
    while (i < t.size()) {
        const bool starts_here = (is_digit(t[i]) || ((t[i] == '+' || t[i] == '(') &&
                                                     i + 1 < t.size() && is_digit(t[i + 1]))) &&
                                 word_start(t, i);
        if (!starts_here) {
            ++i;
            continue;
        }
        const std::size_t begin = i;
        std::size_t end = i;
        int digits = 0;
        std::size_t run = 0;
        std::size_t longest_run = 0;
        std::size_t j = (t[i] == '+' || t[i] == '(') ? i + 1 : i;
        while (j < t.size()) {
            if (is_digit(t[j])) {
                ++digits;
                longest_run = std::max(longest_run, ++run);
                end = ++j;
                continue;
            }
            std::size_t k = j; // up to two separators, then a digit, go on
            while (k < t.size() && k - j < 2 &&
                   std::string_view(" -.()").find(t[k]) != std::string_view::npos) {
                ++k;
            }
            if (k == j || k >= t.size() || !is_digit(t[k])) {
                break;
            }
            run = 0;
            j = k;
        }
        const std::string_view number = t.substr(begin, end - begin);
        const bool plus_or_zero = t[begin] == '+' || t[begin] == '0' ||
                                  (t[begin] == '(' && begin + 1 < t.size() && t[begin + 1] == '0');
        // Helpline-style short numbers ("116 123") go too: harmless, and a
        // person's own short number looks the same.
        const bool helpline = number.substr(0, 3) == "116" && digits == 6;
        const bool phone = digits >= 9 || (plus_or_zero && digits >= 6) || helpline;
        if (longest_run >= 6 || (phone && word_end(t, end))) {
            spans.push_back({begin, end});
        }
        i = std::max(end, i + 1);
    }
}

} // namespace

RedactionResult redact(std::string_view text) {
    const Folded folded = fold(text);
    std::vector<Span> spans;
    add_email_spans(folded.text, spans);
    add_url_spans(folded.text, spans);
    add_postcode_spans(folded.text, spans);
    add_ni_number_spans(folded.text, spans);
    add_number_spans(folded.text, spans);
    for (auto& s : spans) { // back to byte offsets in the original text
        s.begin = folded.origin[s.begin];
        s.end = folded.origin[s.end];
    }
    std::sort(spans.begin(), spans.end(), [](const Span& a, const Span& b) {
        return a.begin < b.begin || (a.begin == b.begin && a.end > b.end);
    });

    RedactionResult out;
    out.text.reserve(text.size());
    std::size_t pos = 0;
    for (const auto& s : spans) {
        if (s.end <= pos) {
            continue; // inside a span already removed
        }
        if (s.begin < pos) {
            pos = s.end; // overlaps the span just removed: widen it, one mark
            continue;
        }
        out.text.append(text.substr(pos, s.begin - pos));
        out.text.append(redaction_mark);
        ++out.removed;
        pos = s.end;
    }
    out.text.append(text.substr(pos));
    return out;
}

int redact_free_text(Submission& item, const FormVersion& form) {
    int removed = 0;
    for (auto& [question_id, answer] : item.answers) {
        auto* text = std::get_if<FreeText>(&answer);
        if (text == nullptr) {
            continue;
        }
        auto r = redact(text->text);
        if (r.removed == 0) {
            continue;
        }
        removed += r.removed;
        std::size_t limit = limits::max_text_answer_bytes;
        if (const auto* q = form.find_question(question_id)) {
            limit = std::min(limit, q->max_length);
        }
        if (r.text.size() > limit) {
            std::size_t cut = limit;
            while (cut > 0 && (static_cast<unsigned char>(r.text[cut]) & 0xC0) == 0x80) {
                --cut; // never end inside a multi-byte character
            }
            r.text.resize(cut);
        }
        // The typed text must not linger in freed memory (the kiosk's memory
        // is part of the threat model, docs/privacy.md).
        sodium_memzero(text->text.data(), text->text.size());
        text->text = std::move(r.text);
    }
    return removed;
}

} // namespace engage
