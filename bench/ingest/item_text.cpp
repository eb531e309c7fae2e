#include "item_text.hpp"

#include "engage/protocol.hpp"
#include "engage/strict_json.hpp"

#include <boost/json/value_from.hpp>
#include <cstdio>
#include <random>
#include <stdexcept>

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
                           std::string_view answers_json) {
    boost::json::value answers;
    std::string error;
    if (!parse_json_strict(answers_json, answers, error) || !answers.is_object()) {
        throw std::runtime_error("item template: the answers are not a JSON object: " + error);
    }
    item_["id"] = "";
    item_["form"] = slug;
    item_["version"] = version;
    item_["date"] = date;
    item_["language"] = "en";
    item_["answers"] = std::move(answers);
}

boost::json::object ItemTemplate::with_id(std::string_view id) const {
    boost::json::object item = item_;
    item["id"] = id;
    return item;
}

BatchText::BatchText(const ItemTemplate& item, int count) {
    protocol::SubmissionBatch batch;
    batch.items.assign(static_cast<std::size_t>(count), item.with_id(""));
    body_ = boost::json::value_from(batch);
}

void BatchText::next(std::string& out, IdSource& ids) {
    for (auto& item : body_.at("submissions").as_array()) {
        ids.next(id_);
        item.as_object()["id"] = id_;
    }
    out = protocol::json_text(body_);
}

} // namespace engage::bench
