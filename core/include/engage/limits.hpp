#pragma once
// Named limits shared by the kiosk (which never produces more) and the server
// (which rejects more, naming the limit in the error). Each value says why.

#include <cstddef>
#include <cstdint>

namespace engage::limits {

// 8 KiB: a kiosk request carries one bearer token and a few short headers;
// anything larger is not one of ours.
inline constexpr std::size_t max_header_bytes = 8 * 1024;
// 1 MiB: max_batch_items full items fit with room to spare; bigger is abuse.
inline constexpr std::size_t max_body_bytes = 1024 * 1024;
// 1 KiB: an enrolment body is {"code": "..."} with a code of a few dozen
// characters at most; anything bigger is not an enrolment, and enrolment is
// open to anyone who can reach the server, so it gets no more than it needs.
inline constexpr std::size_t max_enrol_body_bytes = 1024;
// 500 items: a kiosk offline for weeks uploads in several batches of this.
inline constexpr std::size_t max_batch_items = 500;
// 50 answers: the longest real form has ~20 questions.
inline constexpr std::size_t max_answers_per_item = 50;
// 2000 bytes of UTF-8 per free-text answer: a few paragraphs on a touch keyboard.
inline constexpr std::size_t max_text_answer_bytes = 2000;
// 64 bytes for slugs, question ids, option ids and language codes.
inline constexpr std::size_t max_id_bytes = 64;
// 32 choices in one multi answer: no question offers more.
inline constexpr std::size_t max_multi_choices = 32;
// 8 KiB of base64 for a sealed peer-mentor sign-up (a few short fields).
inline constexpr std::size_t max_sealed_bytes = 8 * 1024;
// JSON nesting: a batch is 4 deep; 16 leaves room and stops stack abuse.
inline constexpr std::size_t max_json_depth = 16;
// Enrolment codes are short so staff can type them on a touchscreen.
inline constexpr std::size_t enrol_code_length = 10;
// Small-number suppression threshold: never below 5 (DESIGN §6 rule 3).
inline constexpr std::int64_t min_suppression_k = 5;

static_assert(max_batch_items * 1024 <= max_body_bytes,
              "a full batch of typical 1 KiB items must fit in one body");

} // namespace engage::limits
