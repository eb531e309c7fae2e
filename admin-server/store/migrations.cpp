#include "store/migrations.hpp"

#include "engage/form.hpp"
#include "engage/redaction.hpp"
#include "engage/sqlite/error.hpp"
#include "engage/sqlite/migrations.hpp"
#include "engage/sqlite/statement.hpp"
#include "engage/strict_json.hpp"

#include <array>
#include <boost/json.hpp>
#include <sqlite3.h>
#include <string>

namespace engage::store {
namespace {

// Migration N takes the schema from version N-1 to N. Never edit a shipped
// entry; add a new one.
//
// Privacy (DESIGN §6): submissions keep the day only, never a time of day,
// never the kiosk, never an address. Tokens and enrolment codes are kept only
// as hashes; the coordinators' secret key only locked under a passphrase.
constexpr std::array<sqlite::Migration, schema_version> migrations{{
    {1, R"sql(
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE forms (
    slug    TEXT NOT NULL,
    version INTEGER NOT NULL,
    kind    TEXT NOT NULL,
    status  TEXT NOT NULL,
    json    TEXT NOT NULL,
    PRIMARY KEY (slug, version)
) WITHOUT ROWID;
CREATE TABLE help_entries (
    id       TEXT PRIMARY KEY,
    position INTEGER NOT NULL,
    json     TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE you_said_we_did (
    id       TEXT PRIMARY KEY,
    position INTEGER NOT NULL,
    json     TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE kiosk_settings (
    id   INTEGER PRIMARY KEY CHECK (id = 1),
    json TEXT NOT NULL
);
CREATE TABLE submissions (
    id            TEXT PRIMARY KEY,
    form          TEXT NOT NULL,
    version       INTEGER NOT NULL,
    site          TEXT NOT NULL,
    date          TEXT NOT NULL,
    language      TEXT NOT NULL,
    answers       TEXT NOT NULL,
    received_date TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX submissions_by_form ON submissions(form, version);
CREATE TABLE sealed_signups (
    id            TEXT PRIMARY KEY,
    form          TEXT NOT NULL,
    version       INTEGER NOT NULL,
    site          TEXT NOT NULL,
    date          TEXT NOT NULL,
    sealed        TEXT NOT NULL,
    received_date TEXT NOT NULL,
    handled_date  TEXT
) WITHOUT ROWID;
CREATE TABLE enrol_codes (
    code_hash  TEXT PRIMARY KEY,
    site       TEXT NOT NULL,
    expires_at INTEGER NOT NULL,
    used       INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;
CREATE TABLE kiosks (
    id              TEXT PRIMARY KEY,
    site            TEXT NOT NULL,
    token_hash      TEXT NOT NULL UNIQUE,
    enrolled_date   TEXT NOT NULL,
    last_seen       INTEGER,
    app_version     TEXT NOT NULL DEFAULT '',
    outbox_depth    INTEGER NOT NULL DEFAULT 0,
    content_version TEXT NOT NULL DEFAULT '',
    last_sync_error TEXT NOT NULL DEFAULT ''
) WITHOUT ROWID;
)sql"},
    // 2: submissions become a rowid table with a separate unique index on id.
    // Kiosks' ids are random, so in the WITHOUT ROWID layout every item of a
    // group commit landed in a different leaf of the full-row b-tree and of
    // submissions_by_form (which carried the id too): about three 4 KiB WAL
    // pages per item, which made single-item ingest disk-bound. Now rows and
    // the by-form index append in arrival order and share pages; only the
    // small id index is touched at random.
    {2, R"sql(
CREATE TABLE submissions_v2 (
    id            TEXT PRIMARY KEY NOT NULL,
    form          TEXT NOT NULL,
    version       INTEGER NOT NULL,
    site          TEXT NOT NULL,
    date          TEXT NOT NULL,
    language      TEXT NOT NULL,
    answers       TEXT NOT NULL,
    received_date TEXT NOT NULL
);
INSERT INTO submissions_v2(id, form, version, site, date, language, answers, received_date)
    SELECT id, form, version, site, date, language, answers, received_date FROM submissions;
DROP TABLE submissions;
ALTER TABLE submissions_v2 RENAME TO submissions;
CREATE INDEX submissions_by_form ON submissions(form, version);
)sql"},
    // 3: the files stop keeping time and order (issue 8).
    // - Submissions get random rowids, so neither the table nor its index
    //   says in which order items arrived, nor which arrived together in one
    //   batch (under migration 2 each batch was a contiguous rowid range).
    //   This gives back the locality migration 2 bought (batched ingest about
    //   4x slower, single-item about 1.5x): accepted, see bench/README.md.
    // - Quasi-identifiers: per item only the MONTH the kiosk gave and the
    //   month received; the exact date was for validation only. Language is
    //   kept only as a running count per (form, site, month, language),
    //   updated in the same transaction as the item, because language, form,
    //   site and day together can single out a person.
    // - kiosks.last_seen becomes a date; "seen N minutes ago" lives only in
    //   the server's memory.
    // - Used enrolment codes are deleted (they looked like unknown ones
    //   anyway), so no expiry time of a finished enrolment stays on disk.
    {3, R"sql(
CREATE TABLE submissions_v3 (
    id             TEXT PRIMARY KEY NOT NULL,
    form           TEXT NOT NULL,
    version        INTEGER NOT NULL,
    site           TEXT NOT NULL,
    month          TEXT NOT NULL,
    answers        TEXT NOT NULL,
    received_month TEXT NOT NULL
);
INSERT INTO submissions_v3(rowid, id, form, version, site, month, answers, received_month)
    SELECT random(), id, form, version, site, substr(date, 1, 7), answers,
           substr(received_date, 1, 7)
    FROM submissions;
CREATE TABLE language_counts (
    form     TEXT NOT NULL,
    site     TEXT NOT NULL,
    month    TEXT NOT NULL,
    language TEXT NOT NULL,
    count    INTEGER NOT NULL,
    PRIMARY KEY (form, site, month, language)
) WITHOUT ROWID;
INSERT INTO language_counts(form, site, month, language, count)
    SELECT form, site, substr(date, 1, 7), language, count(*)
    FROM submissions GROUP BY form, site, substr(date, 1, 7), language;
DROP TABLE submissions;
ALTER TABLE submissions_v3 RENAME TO submissions;
CREATE INDEX submissions_by_form ON submissions(form, version);
CREATE TABLE kiosks_v3 (
    id              TEXT PRIMARY KEY,
    site            TEXT NOT NULL,
    token_hash      TEXT NOT NULL UNIQUE,
    enrolled_date   TEXT NOT NULL,
    last_seen_date  TEXT,
    app_version     TEXT NOT NULL DEFAULT '',
    outbox_depth    INTEGER NOT NULL DEFAULT 0,
    content_version TEXT NOT NULL DEFAULT '',
    last_sync_error TEXT NOT NULL DEFAULT ''
) WITHOUT ROWID;
INSERT INTO kiosks_v3(id, site, token_hash, enrolled_date, last_seen_date, app_version,
                      outbox_depth, content_version, last_sync_error)
    SELECT id, site, token_hash, enrolled_date, date(last_seen, 'unixepoch'), app_version,
           outbox_depth, content_version, last_sync_error
    FROM kiosks;
DROP TABLE kiosks;
ALTER TABLE kiosks_v3 RENAME TO kiosks;
DELETE FROM enrol_codes WHERE used <> 0;
)sql"},
    // 4: heartbeats keep the outbox as a band ("0", "1-4", "5+") and the age
    // of the oldest waiting item in days, never the exact depth: a copy of
    // the database or its WAL no longer counts visits per 5-minute window
    // (issue 8). Old rows keep their depth's band. The table is rebuilt (as
    // in 3) rather than altered, so the exact depths leave the live table;
    // secure_delete (server_pragmas) zeroes the old pages.
    {4, R"sql(
CREATE TABLE kiosks_v4 (
    id               TEXT PRIMARY KEY,
    site             TEXT NOT NULL,
    token_hash       TEXT NOT NULL UNIQUE,
    enrolled_date    TEXT NOT NULL,
    last_seen_date   TEXT,
    app_version      TEXT NOT NULL DEFAULT '',
    outbox_band      TEXT NOT NULL DEFAULT '0',
    oldest_item_days INTEGER,
    content_version  TEXT NOT NULL DEFAULT '',
    last_sync_error  TEXT NOT NULL DEFAULT ''
) WITHOUT ROWID;
INSERT INTO kiosks_v4(id, site, token_hash, enrolled_date, last_seen_date, app_version,
                      outbox_band, oldest_item_days, content_version, last_sync_error)
    SELECT id, site, token_hash, enrolled_date, last_seen_date, app_version,
           CASE WHEN outbox_depth <= 0 THEN '0'
                WHEN outbox_depth < 5 THEN '1-4'
                ELSE '5+' END,
           NULL, content_version, last_sync_error
    FROM kiosks;
DROP TABLE kiosks;
ALTER TABLE kiosks_v4 RENAME TO kiosks;
)sql"},
    // 5: the coordinators' keyring (engage/coordinator_keyring.hpp, issue 8).
    // The passphrase is never stored: only how it becomes the key that locks
    // the secrets (argon2id parameters and salt, so the cost can be raised
    // later). Old box keys stay while a sign-up names them, then their rows
    // are deleted under secure_delete. Sign-ups record which key they were
    // sealed to; NULL for those stored before (they keep every key alive).
    // The single-key meta rows of schema 1 stay until `coordinator-key`
    // moves them here.
    {5, R"sql(
CREATE TABLE coordinator_passphrase (
    id                    INTEGER PRIMARY KEY CHECK (id = 1),
    alg                   TEXT NOT NULL,
    opslimit              INTEGER NOT NULL,
    memlimit              INTEGER NOT NULL,
    salt                  TEXT NOT NULL,
    sample                INTEGER NOT NULL DEFAULT 0,
    signing_public_key    TEXT NOT NULL,
    signing_secret_locked TEXT NOT NULL
);
CREATE TABLE coordinator_box_keys (
    key_id        TEXT PRIMARY KEY,
    public_key    TEXT NOT NULL,
    signature     TEXT NOT NULL,
    locked_secret TEXT NOT NULL,
    current       INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;
ALTER TABLE sealed_signups ADD COLUMN key_id TEXT;
)sql"},
    // 6: results as counts, kept up to date at ingest (DESIGN §12), so that
    // per-item rows can be deleted after the retention period (issue 8,
    // store/retention.hpp) while results stay. Self-contained: it reads only
    // submissions and forms, as migrations 1 to 5 left them.
    // - item_counts: anonymous items per form, version, site and month (the
    //   month the kiosk gave, as in submissions).
    // - answer_counts: per question, answer = "" counts the items that
    //   answered it (any type, free text included: skipped = items minus
    //   answered); and per value: a choice's option id, each option of a
    //   multi, a scale value as text ("1".."5"), a yes/no as "yes" or "no".
    //   Option ids are never empty (form validation), so "" cannot clash.
    //   Free text is not counted by value.
    // Counts are stored exact; small numbers are suppressed when shown
    // (DESIGN §6 rule 3). The back-fill reads each question's type from the
    // form version the item names (an item whose form version is missing
    // counts as answered only), turns each answer into the list of cells it
    // counts in ("" first) and upserts one per value: about 40 s per million
    // stored items on the development machine, where a GROUP BY (a sort of
    // every value) took 70 s.
    {6, R"sql(
CREATE TABLE item_counts (
    form    TEXT NOT NULL,
    version INTEGER NOT NULL,
    site    TEXT NOT NULL,
    month   TEXT NOT NULL,
    count   INTEGER NOT NULL,
    PRIMARY KEY (form, version, site, month)
) WITHOUT ROWID;
CREATE TABLE answer_counts (
    form     TEXT NOT NULL,
    version  INTEGER NOT NULL,
    site     TEXT NOT NULL,
    month    TEXT NOT NULL,
    question TEXT NOT NULL,
    answer   TEXT NOT NULL,
    count    INTEGER NOT NULL,
    PRIMARY KEY (form, version, site, month, question, answer)
) WITHOUT ROWID;
INSERT INTO item_counts(form, version, site, month, count)
    SELECT form, version, site, month, count(*) FROM submissions
    GROUP BY form, version, site, month;
WITH question_types(form, version, question, type) AS (
    SELECT f.slug, f.version, json_extract(q.value, '$.id'), json_extract(q.value, '$.type')
    FROM forms AS f, json_each(f.json, '$.questions') AS q
)
INSERT INTO answer_counts(form, version, site, month, question, answer, count)
    SELECT s.form, s.version, s.site, s.month, a.key, v.value, 1
    FROM submissions AS s
    JOIN json_each(s.answers) AS a
    LEFT JOIN question_types AS t
        ON t.form = s.form AND t.version = s.version AND t.question = a.key
    JOIN json_each(CASE t.type
        WHEN 'choice' THEN json_array('', a.value)
        WHEN 'multi' THEN json_insert(a.value, '$[#]', '')
        WHEN 'scale' THEN json_array('', CAST(a.value AS TEXT))
        WHEN 'yesno' THEN json_array('', CASE a.type WHEN 'true' THEN 'yes' ELSE 'no' END)
        ELSE json_array('') END) AS v
    WHERE true
    ON CONFLICT(form, version, site, month, question, answer) DO UPDATE SET count = count + 1;
)sql"},
    // 7: staff accounts for the web app (issue 9). Self-contained: nothing
    // here refers to kiosk data, and no table holds anything about kiosk
    // users (DESIGN §12: the audit log is about staff only).
    // - Passwords as libsodium argon2id strings (algorithm and parameters
    //   inside), recovery codes and session ids only as SHA-256 (they are
    //   random and high-entropy, so a fast hash is right for them).
    // - The TOTP secret must be readable to check codes; totp_last_step
    //   keeps a code from being accepted twice.
    // - signin_failures counts failures per account and per address in a
    //   window, so limits hold across restarts (and, later, instances).
    {7, R"sql(
CREATE TABLE users (
    name           TEXT PRIMARY KEY,
    password_hash  TEXT NOT NULL,
    roles          TEXT NOT NULL,
    totp_secret    TEXT,
    totp_last_step INTEGER NOT NULL DEFAULT 0,
    demo           INTEGER NOT NULL DEFAULT 0,
    created        INTEGER NOT NULL,
    disabled       INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;
CREATE TABLE recovery_codes (
    user      TEXT NOT NULL REFERENCES users(name) ON DELETE CASCADE,
    code_hash TEXT NOT NULL,
    PRIMARY KEY (user, code_hash)
) WITHOUT ROWID;
CREATE TABLE web_sessions (
    id_hash   TEXT PRIMARY KEY,
    user      TEXT NOT NULL REFERENCES users(name) ON DELETE CASCADE,
    created   INTEGER NOT NULL,
    last_used INTEGER NOT NULL,
    csrf      TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX web_sessions_by_user ON web_sessions(user);
CREATE TABLE signin_failures (
    key          TEXT PRIMARY KEY,
    window_start INTEGER NOT NULL,
    failures     INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TABLE audit_log (
    id     INTEGER PRIMARY KEY,
    at     INTEGER NOT NULL,
    who    TEXT NOT NULL,
    action TEXT NOT NULL,
    detail TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_log_by_who ON audit_log(who, at);
CREATE TABLE invitations (
    token_hash TEXT PRIMARY KEY,
    roles      TEXT NOT NULL,
    invited_by TEXT NOT NULL,
    expires_at INTEGER NOT NULL,
    used       INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;
)sql"},
    // 8: sites (issue 9, "Sites and kiosks"). The slug is the string kiosks,
    // enrolment codes, forms and counts already carry; name, address (for
    // staff only: never in a content bundle), opening hours as SiteHours JSON
    // (core/include/engage/site_hours.hpp; the server's local time, no time
    // zone) and the languages offered there (JSON array; empty = the kiosk
    // settings' list). Self-contained: every site string already in use
    // becomes a row named after itself and open at all hours, so no kiosk
    // starts showing a "closed" screen because of this migration.
    {8, R"sql(
CREATE TABLE sites (
    slug      TEXT PRIMARY KEY,
    name      TEXT NOT NULL,
    address   TEXT NOT NULL DEFAULT '',
    hours     TEXT NOT NULL,
    languages TEXT NOT NULL DEFAULT '[]'
) WITHOUT ROWID;
INSERT INTO sites(slug, name, hours)
    SELECT site, site, '{"mon":["00:00-24:00"],"tue":["00:00-24:00"],"wed":["00:00-24:00"],' ||
                       '"thu":["00:00-24:00"],"fri":["00:00-24:00"],"sat":["00:00-24:00"],' ||
                       '"sun":["00:00-24:00"]}'
    FROM (SELECT site FROM kiosks
          UNION SELECT site FROM enrol_codes
          UNION SELECT site FROM item_counts
          UNION SELECT site FROM sealed_signups
          UNION SELECT s.value FROM forms AS f, json_each(f.json, '$.sites') AS s
              WHERE s.type = 'text')
    WHERE site <> '';
)sql"},
    // translation_marks (issue 9; after the sites of migration 8): a translated string of a
    // form version marked "needs_review" (machine-drafted) or "reviewed", by whom and when. A
    // version's marks are the newest row at or below its number for each string and language,
    // so a new draft starts with the published version's marks and a published version's marks
    // never change (writes go to the draft's number). "none" clears an inherited mark. `string`
    // names the string by ids, not positions ("title", "q1.text",
    // "q1.o2.easy"), so reordering questions keeps the marks.
    {9, R"sql(
CREATE TABLE translation_marks (
    form     TEXT NOT NULL,
    version  INTEGER NOT NULL,
    string   TEXT NOT NULL,
    language TEXT NOT NULL,
    state    TEXT NOT NULL CHECK (state IN ('none', 'needs_review', 'reviewed')),
    by_user  TEXT NOT NULL,
    at       INTEGER NOT NULL,
    PRIMARY KEY (form, version, string, language)
) WITHOUT ROWID;
)sql"},
    // 10: free text as comments for moderation, and what was stored before
    // redaction at ingest redacted now (issue 10, "Free text and
    // moderation"). Every non-blank free-text answer of a stored item (its
    // question's type read from the form version it names, as in 6) becomes
    // a comment awaiting moderation, redacted by core's redact() through
    // engage_redact(), and leaves the item (engage_strip_free_text): from now
    // on the words live only in `comments`, so rejecting one removes them.
    // An item whose form version is missing keeps its answers, with every
    // string redacted (which of them is free text cannot be known).
    // Comments carry form, version, site, month and question, never the
    // item's id, a kiosk or a day; state waiting/approved (a rejected one is
    // deleted); a safeguarding concern none/open/answered with the staff's
    // service-level response. The meta row asks apply_migrations() to VACUUM
    // once the step is committed (VACUUM cannot run inside its transaction).
    {10, R"sql(
CREATE TABLE comments (
    id       TEXT PRIMARY KEY,
    form     TEXT NOT NULL,
    version  INTEGER NOT NULL,
    site     TEXT NOT NULL,
    month    TEXT NOT NULL,
    question TEXT NOT NULL,
    text     TEXT NOT NULL,
    state    TEXT NOT NULL DEFAULT 'waiting' CHECK (state IN ('waiting', 'approved')),
    concern  TEXT NOT NULL DEFAULT 'none' CHECK (concern IN ('none', 'open', 'answered')),
    response TEXT NOT NULL DEFAULT ''
) WITHOUT ROWID;
CREATE INDEX comments_by_state ON comments(state, form, month);
CREATE INDEX comments_by_concern ON comments(concern, site);
WITH text_questions(form, version, question) AS (
    SELECT f.slug, f.version, json_extract(q.value, '$.id')
    FROM forms AS f, json_each(f.json, '$.questions') AS q
    WHERE json_extract(q.value, '$.type') = 'text'
)
INSERT INTO comments(id, form, version, site, month, question, text)
    SELECT lower(hex(randomblob(16))), s.form, s.version, s.site, s.month, a.key,
           engage_redact(a.value)
    FROM submissions AS s
    JOIN json_each(s.answers) AS a
    JOIN text_questions AS t
        ON t.form = s.form AND t.version = s.version AND t.question = a.key
    WHERE a.type = 'text' AND trim(a.value) <> '';
UPDATE submissions SET answers = engage_strip_free_text(answers,
    (SELECT f.json FROM forms AS f WHERE f.slug = submissions.form
                                     AND f.version = submissions.version));
INSERT INTO meta(key, value) VALUES('vacuum_pending', '10')
    ON CONFLICT(key) DO UPDATE SET value = excluded.value;
)sql"},
    // 11: the Board's decisions and recommendations (issue 10, "Decisions:
    // you said, we did"; store/decision.hpp). `results` and `sites` are JSON
    // arrays of strings: the /results/... links the decision drew on (checked
    // to be results links when saved) and the sites it affects ([] = every
    // site). A decision marked as a service change becomes the "you said, we
    // did" item "decision-ID" while it is in progress or done and
    // `kiosk_ended` is 0. Updates keep the day, never a time, and the staff
    // member's name (staff are not anonymous; nothing about kiosk users).
    {11, R"sql(
CREATE TABLE decisions (
    id             INTEGER PRIMARY KEY,
    title          TEXT NOT NULL,
    decided        TEXT NOT NULL,
    results        TEXT NOT NULL DEFAULT '[]',
    sites          TEXT NOT NULL DEFAULT '[]',
    status         TEXT NOT NULL
        CHECK (status IN ('proposed', 'agreed', 'in_progress', 'done', 'not_possible')),
    reason         TEXT NOT NULL DEFAULT '',
    service_change INTEGER NOT NULL DEFAULT 0 CHECK (service_change IN (0, 1)),
    you_said       TEXT NOT NULL DEFAULT '',
    we_did         TEXT NOT NULL DEFAULT '',
    kiosk_ended    INTEGER NOT NULL DEFAULT 0 CHECK (kiosk_ended IN (0, 1)),
    recorded_date  TEXT NOT NULL,
    CHECK (status <> 'not_possible' OR reason <> '')
);
CREATE TABLE decision_updates (
    id          INTEGER PRIMARY KEY,
    decision    INTEGER NOT NULL REFERENCES decisions(id) ON DELETE CASCADE,
    date        TEXT NOT NULL,
    status_from TEXT NOT NULL,
    status_to   TEXT NOT NULL,
    note        TEXT NOT NULL DEFAULT '',
    by_user     TEXT NOT NULL
);
CREATE INDEX decision_updates_by_decision ON decision_updates(decision, id);
)sql"},
    // 12: peer-mentor sign-ups a coordinator handles (issue 10). The day a
    // coordinator marked one contacted (handled_date exists since
    // migration 1), and how long sign-ups are kept, in days: a handled one
    // `handled_days` after it was handled; an unhandled one is flagged
    // after `flag_days` and any goes `max_days` after it was received. The
    // defaults are the issue's (30, 14, 90); the admins' page changes them
    // within the bounds of admin-server/signups/signup_retention.hpp.
    {12, R"sql(
ALTER TABLE sealed_signups ADD COLUMN contacted_date TEXT;
CREATE TABLE signup_retention (
    id           INTEGER PRIMARY KEY CHECK (id = 1),
    handled_days INTEGER NOT NULL,
    flag_days    INTEGER NOT NULL,
    max_days     INTEGER NOT NULL
);
INSERT INTO signup_retention(id, handled_days, flag_days, max_days) VALUES (1, 30, 14, 90);
)sql"},
    // 13: breakdowns by equality group (issue 10). Per (form, version, site,
    // month), per "About you" question and the group its answer names
    // (engage/about_you.hpp: an ethnicity answer counts under its ONS
    // high-level group), the same cells as answer_counts (question "" and
    // answer "" for the people in the group), kept at ingest in the same
    // transaction as the items. Exact; suppressed when shown. No back-fill:
    // no stored item can hold an "About you" answer before this version
    // (their question ids are new).
    {13, R"sql(
CREATE TABLE group_counts (
    form           TEXT NOT NULL,
    version        INTEGER NOT NULL,
    site           TEXT NOT NULL,
    month          TEXT NOT NULL,
    group_question TEXT NOT NULL,
    group_answer   TEXT NOT NULL,
    question       TEXT NOT NULL,
    answer         TEXT NOT NULL,
    count          INTEGER NOT NULL,
    PRIMARY KEY (form, version, site, month, group_question, group_answer, question, answer)
) WITHOUT ROWID;
)sql"},
    // 14: sign-ups received and handled per month, for the quarterly report
    // (issue 10). Counted by triggers in the transaction that stores a
    // sign-up or first marks it handled, so the figures for a closed quarter
    // stay when retention deletes the sign-ups. Months only, no site: the
    // report shows one number per quarter for all sites. Sign-ups already
    // stored are counted once here.
    {14, R"sql(
CREATE TABLE signup_counts (
    month    TEXT PRIMARY KEY,
    received INTEGER NOT NULL DEFAULT 0,
    handled  INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;
INSERT INTO signup_counts(month, received, handled)
    SELECT month, sum(received), sum(handled) FROM (
        SELECT substr(received_date, 1, 7) AS month, 1 AS received, 0 AS handled
            FROM sealed_signups
        UNION ALL
        SELECT substr(handled_date, 1, 7), 0, 1 FROM sealed_signups
            WHERE handled_date IS NOT NULL)
    GROUP BY month;
CREATE TRIGGER signup_received_counted AFTER INSERT ON sealed_signups
BEGIN
    INSERT INTO signup_counts(month, received) VALUES (substr(NEW.received_date, 1, 7), 1)
        ON CONFLICT(month) DO UPDATE SET received = received + 1;
END;
CREATE TRIGGER signup_handled_counted AFTER UPDATE OF handled_date ON sealed_signups
    WHEN OLD.handled_date IS NULL AND NEW.handled_date IS NOT NULL
BEGIN
    INSERT INTO signup_counts(month, handled) VALUES (substr(NEW.handled_date, 1, 7), 1)
        ON CONFLICT(month) DO UPDATE SET handled = handled + 1;
END;
)sql"},
}};
static_assert(sqlite::numbered_in_order(migrations),
              "migrations must be numbered 1, 2, 3... with none missing");

// engage_redact(text): core's redact() as an SQL function, for migration 10.
void sql_redact(sqlite3_context* ctx, int, sqlite3_value** argv) {
    const auto* raw = sqlite3_value_text(argv[0]);
    if (raw == nullptr) {
        sqlite3_result_null(ctx);
        return;
    }
    const std::string_view text(reinterpret_cast<const char*>(raw),
                                static_cast<std::size_t>(sqlite3_value_bytes(argv[0])));
    const auto r = redact(text);
    sqlite3_result_text(ctx, r.text.data(), static_cast<int>(r.text.size()), SQLITE_TRANSIENT);
}

std::string_view value_text(sqlite3_value* v) {
    const auto* raw = sqlite3_value_text(v);
    return raw == nullptr ? std::string_view()
                          : std::string_view(reinterpret_cast<const char*>(raw),
                                             static_cast<std::size_t>(sqlite3_value_bytes(v)));
}

// engage_strip_free_text(answers, form_json): the item's answers without
// its free-text answers (their words moved to comments), or, when the form
// version is unknown (NULL), with every string answer redacted in place.
void sql_strip_free_text(sqlite3_context* ctx, int, sqlite3_value** argv) {
    boost::json::value answers;
    std::string error;
    if (!parse_json_strict(value_text(argv[0]), answers, error) || !answers.is_object()) {
        sqlite3_result_error(ctx, "stored answers are not a JSON object", -1);
        return;
    }
    auto& object = answers.as_object();
    FormVersion form;
    boost::json::value form_json;
    const bool known = sqlite3_value_type(argv[1]) != SQLITE_NULL &&
                       parse_json_strict(value_text(argv[1]), form_json, error) &&
                       parse_form_version(form_json, form, error);
    std::vector<std::string> drop;
    for (auto& [key, value] : object) {
        if (!value.is_string()) {
            continue;
        }
        if (!known) {
            value = boost::json::string(redact(std::string_view(value.as_string())).text);
            continue;
        }
        const Question* q = form.find_question(std::string_view(key.data(), key.size()));
        if (q != nullptr && q->type == QuestionType::text) {
            drop.emplace_back(key.data(), key.size());
        }
    }
    for (const auto& key : drop) {
        object.erase(key);
    }
    const std::string out = boost::json::serialize(answers);
    sqlite3_result_text(ctx, out.data(), static_cast<int>(out.size()), SQLITE_TRANSIENT);
}

void register_functions(sqlite::Database& db) {
    constexpr int flags = SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_DIRECTONLY;
    if (sqlite3_create_function_v2(db.handle(), "engage_redact", 1, flags, nullptr, sql_redact,
                                   nullptr, nullptr, nullptr) != SQLITE_OK ||
        sqlite3_create_function_v2(db.handle(), "engage_strip_free_text", 2, flags, nullptr,
                                   sql_strip_free_text, nullptr, nullptr, nullptr) != SQLITE_OK) {
        throw std::runtime_error(std::string("cannot register the migrations' SQL functions: ") +
                                 sqlite3_errmsg(db.handle()));
    }
}

// VACUUM once a step asked for it (the meta row of migration 10): the
// rewritten rows' old bytes may sit in free pages and free space of pages
// written before secure_delete was on; VACUUM rebuilds the file from the
// live rows only, and the TRUNCATE checkpoint folds it in and empties the WAL.
void vacuum_if_asked(sqlite::Database& db) {
    bool pending = false;
    {
        sqlite::Statement st(db, "SELECT 1 FROM meta WHERE key = 'vacuum_pending'");
        pending = st.step();
    }
    if (!pending) {
        return;
    }
    db.exec("VACUUM");
    // After the VACUUM: a crash in between only vacuums once more.
    db.exec("DELETE FROM meta WHERE key = 'vacuum_pending'");
    db.checkpoint_truncate();
}

} // namespace

int read_schema_version(sqlite::Database& db) {
    return sqlite::schema_version(db);
}

int apply_migrations(sqlite::Database& db, int target) {
    register_functions(db);
    const int reached = sqlite::migrate(db, migrations, target);
    if (reached >= 10) {
        vacuum_if_asked(db);
    }
    return reached;
}

} // namespace engage::store
