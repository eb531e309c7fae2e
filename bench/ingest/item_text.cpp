#include "item_text.hpp"

#include <cstdio>
#include <random>

namespace engage::bench {

IdSource::IdSource() {
    // Uniqueness across generators is all that matters here, not secrecy.
    std::random_device rd;
    prefix_ = (static_cast<std::uint64_t>(rd()) << 32) ^ rd();
}

void IdSource::next(std::string& out) {
    const std::uint64_t n = counter_++;
    char buf[40];
    // xxxxxxxx-xxxx-4xxx-8xxx-cccccccccccc: version 4, variant 10xx, counter last.
    std::snprintf(
        buf, sizeof buf, "%08x-%04x-4%03x-8%03x-%012llx", static_cast<unsigned>(prefix_ >> 32),
        static_cast<unsigned>((prefix_ >> 16) & 0xffff),
        static_cast<unsigned>((prefix_ >> 4) & 0xfff), static_cast<unsigned>(prefix_ & 0xfff),
        static_cast<unsigned long long>(n & 0xffffffffffffULL));
    out.assign(buf, 36);
}

ItemTemplate::ItemTemplate(std::string_view slug, std::int64_t version, std::string_view date,
                           std::string_view answers_json)
    : before_id_(R"({"id":")") {
    after_id_ = R"(","form":")";
    after_id_ += slug;
    after_id_ += R"(","version":)";
    after_id_ += std::to_string(version);
    after_id_ += R"(,"date":")";
    after_id_ += date;
    after_id_ += R"(","language":"en","answers":)";
    after_id_ += answers_json;
    after_id_ += '}';
}

void ItemTemplate::append(std::string& out, std::string_view id) const {
    out += before_id_;
    out += id;
    out += after_id_;
}

void make_batch(std::string& out, const ItemTemplate& item, IdSource& ids, int count) {
    out.assign(R"({"submissions":[)");
    std::string id;
    for (int i = 0; i < count; ++i) {
        if (i > 0) {
            out += ',';
        }
        ids.next(id);
        item.append(out, id);
    }
    out += "]}";
}

} // namespace engage::bench
