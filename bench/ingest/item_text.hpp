#pragma once
// Submission batches for the load generator, made cheaply enough that it does
// not compete with the server for the two cores: a fixed item template, a
// counter-based UUID v4 per item, and core's SubmissionBatch for the body.

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <cstdint>
#include <string>
#include <string_view>

namespace engage::bench {

// Unique lowercase UUID v4s: a random 64-bit prefix per generator and a counter.
class IdSource {
public:
    IdSource(); // seeds the prefix from std::random_device
    // The next id, written into `out` (replacing its content).
    void next(std::string& out);

private:
    std::uint64_t prefix_;
    std::uint64_t counter_ = 0;
};

// One form's items: {"id":"…","form":slug,"version":n,"date":day,"language":"en","answers":…}.
class ItemTemplate {
public:
    // Throws std::runtime_error when `answers_json` is not a JSON object.
    ItemTemplate(std::string_view slug, std::int64_t version, std::string_view date,
                 std::string_view answers_json);
    // The item with `id`.
    boost::json::object with_id(std::string_view id) const;

private:
    boost::json::object item_; // "id" first, so replacing it keeps the key order
};

// One connection's batch bodies: {"submissions":[item,…]} of `count` items,
// built once with core's SubmissionBatch. next() only gives every item a fresh
// id in place before serialising, so the load generator stays cheap.
class BatchText {
public:
    BatchText(const ItemTemplate& item, int count);
    // The next body, with fresh ids, written into `out`.
    void next(std::string& out, IdSource& ids);

private:
    boost::json::value body_;
    std::string id_;
};

} // namespace engage::bench
