#pragma once
// Submission batches for the load generator, made cheaply enough that it does
// not compete with the server for the two cores: a fixed item template, a
// counter-based UUID v4 per item, and core's SubmissionBatch for the body.

#include <boost/json/object.hpp>
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

// {"submissions":[item,…]} with `count` fresh items, written into `out`.
void make_batch(std::string& out, const ItemTemplate& item, IdSource& ids, int count);

} // namespace engage::bench
