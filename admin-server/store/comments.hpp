#pragma once
// Free-text answers as comments for staff to moderate (migration 10, issue
// 10 "Free text and moderation"). Every free-text answer of an anonymous
// item becomes a comment at ingest, in the writer's transaction, and its
// words are kept only here: the stored item keeps its other answers and is
// counted as having answered the question (answer_counts), but holds no
// text, so rejecting a comment really removes the words.
//
// A comment carries what the Board's view needs and nothing more: form,
// version, site, month (the kiosk's month, as items keep it) and question.
// Never the item's id, the kiosk, a day or a time; its own id is random.
// It is deleted with the items of its month by the retention sweep.
//
// Text reaches this interface redacted and leaves it redacted: the methods
// that store staff's words (edit, safeguarding response) run them through
// engage::redact() themselves, so no caller can forget.
//
// Thread safety: as the Store that hands it out (SqliteStore: any thread).

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace engage::store {

// A safeguarding concern on a comment: none, flagged by staff and waiting
// for the service-level response, or answered (the response is recorded).
enum class Concern { none, open, answered };

struct Comment {
    std::string id; // random, never the item's id
    std::string form;
    std::int64_t version = 0;
    std::string site;
    std::string month; // "YYYY-MM", the month the kiosk gave
    std::string question;
    std::string text; // redacted
    bool approved = false;
    Concern concern = Concern::none;
    std::string response; // the service-level response (redacted); "" until recorded
};

struct WaitingCount {
    std::string form;
    std::int64_t count = 0;
};

class Comments {
public:
    virtual ~Comments() = default;

    // Comments waiting for moderation, oldest month first (within a month
    // in id order, which is random), at most `limit`; `form` "" for all.
    virtual std::vector<Comment> waiting(std::string_view form, std::size_t limit) = 0;
    // How many wait, per form, by slug.
    virtual std::vector<WaitingCount> waiting_per_form() = 0;
    virtual std::optional<Comment> find(std::string_view id) = 0;
    // Approves the comment (the Board may now read it). False when no such comment.
    virtual bool approve(std::string_view id) = 0;
    // Replaces the comment's text with `text` after redacting it again. It
    // keeps its state. False when no such comment.
    virtual bool edit(std::string_view id, std::string_view text) = 0;
    // Deletes the comment (secure_delete zeroes it in the main file) and
    // checkpoints the WAL with TRUNCATE, so its words leave both files.
    // False when there is no such comment, or it has an open safeguarding
    // concern (the words are needed until the response is recorded).
    virtual bool reject(std::string_view id) = 0;
    // Flags a safeguarding concern (none or answered → open). False when no such comment.
    virtual bool flag_concern(std::string_view id) = 0;
    // Records the service-level response to an open concern, redacted.
    // False when there is no such comment or its concern is not open.
    virtual bool record_response(std::string_view id, std::string_view response) = 0;
    // Comments with an open concern, oldest month first.
    virtual std::vector<Comment> open_concerns() = 0;
    // How many open concerns there are (at `site`, when given).
    virtual std::int64_t open_concern_count(std::optional<std::string_view> site = {}) = 0;
    // Every approved comment of form `slug`, by question, month, site, id.
    virtual std::vector<Comment> approved(std::string_view slug) = 0;
};

std::string_view to_string(Concern c);

} // namespace engage::store
