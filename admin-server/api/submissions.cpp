// POST /api/v1/submissions SubmissionBatch (read by parse_batch) ->
// BatchResults (engage/protocol.hpp), one result per item in order. Items are
// validated here against the in-memory form versions; the valid ones have
// their free text redacted and go to the group-commit writer, and the answer
// is sent only after they are committed.
#include "api/endpoints.hpp"
#include "api/errors.hpp"
#include "engage/protocol.hpp"
#include "engage/redaction.hpp"
#include "engage/submission.hpp"

#include <memory>
#include <vector>

namespace engage::api {
namespace {

struct Ingest {
    std::vector<BatchItem> items;
    std::vector<std::size_t> valid;          // indexes into items
    std::vector<const Submission*> to_write; // the valid items, in that order
    std::vector<char> inserted;              // per valid item: 1 new, 0 duplicate
    std::string site;
    Date received;
};

// Counts each item's outcome once, when its answer is final.
void count(const protocol::BatchResults& out, metrics::Registry* m) {
    if (m == nullptr) {
        return;
    }
    for (const auto& r : out.results) {
        switch (r.status) {
        case protocol::ItemStatus::accepted:
            m->item_accepted();
            break;
        case protocol::ItemStatus::duplicate:
            m->item_duplicate();
            break;
        case protocol::ItemStatus::rejected:
            m->item_rejected(r.code);
            break;
        }
    }
}

Response results(const Ingest& in, metrics::Registry* m) {
    protocol::BatchResults out;
    out.results.reserve(in.items.size());
    std::size_t next_valid = 0;
    for (const BatchItem& item : in.items) {
        protocol::ItemResult r;
        r.id = item.id;
        if (item.submission) {
            r.status = in.inserted[next_valid++] ? protocol::ItemStatus::accepted
                                                 : protocol::ItemStatus::duplicate;
        } else {
            r.status = protocol::ItemStatus::rejected;
            r.code = item.error ? item.error->code : std::string("bad_item");
            r.reason = item.error ? item.error->message : std::string("the item is invalid");
        }
        out.results.push_back(std::move(r));
    }
    count(out, m);
    Response resp;
    resp.body = protocol::to_json_text(out);
    return resp;
}

} // namespace

Outcome handle_submissions(const Request& request, Services& services,
                           const store::KioskIdentity& kiosk) {
    // Hold one content generation for the whole request: the form pointers
    // the lookup hands out stay valid while it lives.
    const auto generation = services.content.current();
    const FormLookup lookup = [&generation](std::string_view slug, std::int64_t version) {
        return generation->find_form(slug, version);
    };
    ValidationContext ctx;
    ctx.site = kiosk.site;
    ctx.today = services.today();

    auto in = std::make_shared<Ingest>();
    if (auto error = parse_batch(request.body, lookup, ctx, in->items)) {
        if (error->code == "too_many_items") {
            return too_many_items();
        }
        if (error->code == "malformed_json") {
            return error_response(*error);
        }
        return bad_request(error->message);
    }
    in->site = kiosk.site;
    in->received = ctx.today;
    for (std::size_t i = 0; i < in->items.size(); ++i) {
        if (in->items[i].submission) {
            // DESIGN §6 rule 4: free text is redacted before the writer, so
            // the typed text never reaches the database or its WAL.
            auto& item = *in->items[i].submission;
            const auto* form = lookup(item.form, item.version);
            if (form == nullptr) { // validation found it in this generation: fail closed
                in->items[i].error = ItemError{"unknown_form", "the form is not known"};
                in->items[i].submission.reset();
                continue;
            }
            redact_free_text(item, *form);
            in->valid.push_back(i);
        }
    }
    if (in->valid.empty()) {
        return results(*in, services.metrics); // nothing to write
    }
    for (const std::size_t i : in->valid) {
        in->to_write.push_back(&*in->items[i].submission);
    }
    DeferredWrite write;
    // `in` lives in this work until its completion has run, so the items and
    // results a store defers to the end of the group stay valid.
    write.work = [in](store::WriteTransaction& tx) {
        tx.insert_submissions(in->to_write, in->site, in->received, in->inserted);
    };
    write.finish = [in, m = services.metrics](store::WriteResult r) {
        switch (r.kind) {
        case store::WriteResult::Kind::committed:
            return results(*in, m);
        case store::WriteResult::Kind::storage_full:
        case store::WriteResult::Kind::storage_unavailable:
            // Nothing of the batch was kept; the kiosk keeps every item and
            // sends them again after the hint.
            return storage_unavailable(r.kind == store::WriteResult::Kind::storage_full);
        case store::WriteResult::Kind::failed:
            break;
        }
        return internal_error();
    };
    return write;
}

} // namespace engage::api
