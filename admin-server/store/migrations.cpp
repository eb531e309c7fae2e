#include "store/migrations.hpp"

#include "engage/sqlite/migrations.hpp"

#include <array>

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
    // 10 to 12 are other branches' (moderation, decisions, coordinators):
    // placeholders so this branch builds; the lead renumbers at merge.
    {10, "-- reserved: moderation (issue 10)"},
    {11, "-- reserved: decisions (issue 10)"},
    {12, "-- reserved: coordinators (issue 10)"},
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
}};
static_assert(sqlite::numbered_in_order(migrations),
              "migrations must be numbered 1, 2, 3... with none missing");

} // namespace

int read_schema_version(sqlite::Database& db) {
    return sqlite::schema_version(db);
}

int apply_migrations(sqlite::Database& db, int target) {
    return sqlite::migrate(db, migrations, target);
}

} // namespace engage::store
