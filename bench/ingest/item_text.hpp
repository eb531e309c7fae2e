#pragma once
// Submission items as JSON text, made cheaply enough that the load generator
// does not compete with the server for the two cores: a fixed item template
// and a counter-based UUID v4 per item.

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
    ItemTemplate(std::string_view slug, std::int64_t version, std::string_view date,
                 std::string_view answers_json);
    // Appends one item with `id` to `out`.
    void append(std::string& out, std::string_view id) const;

private:
    std::string before_id_; // {"id":"
    std::string after_id_;  // ","form":...}
};

// Appends {"submissions":[item,…]} with `count` fresh items to `out` (cleared first).
void make_batch(std::string& out, const ItemTemplate& item, IdSource& ids, int count);

} // namespace engage::bench
