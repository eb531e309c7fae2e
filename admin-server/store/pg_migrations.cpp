#include "store/pg_migrations.hpp"

#include "engage/pg/transaction.hpp"
#include "engage/sqlite/error.hpp"
#include "store/migrations.hpp"

#include <array>
#include <string>
#include <string_view>

namespace engage::store {

namespace {

struct PgMigration {
    int version;
    std::string_view sql;
};

// The tables as SQLite's migrations 1–14 left them (see migrations.cpp for
// why each exists), in PostgreSQL's types: bigint for INTEGER, boolean-like
// flags kept as 0/1 integers so both engines read the same values, and
// "user" quoted where SQLite allowed it bare. Keys that SQLite assigned
// (audit_log, decisions, decision_updates) are identities BY DEFAULT, so
// `migrate-store` can copy them and then move the sequence past them.
//
// Privacy (DESIGN §6) as on SQLite: items keep the month only, never the
// kiosk; tokens and codes only as hashes; the coordinators' secrets only
// locked. What PostgreSQL itself keeps about row order (ctid, xmin) is in
// docs/postgresql.md.
constexpr std::string_view schema_14 = R"sql(
CREATE TABLE meta (
    key   text PRIMARY KEY,
    value text NOT NULL
);
CREATE TABLE forms (
    slug    text NOT NULL,
    version bigint NOT NULL,
    kind    text NOT NULL,
    status  text NOT NULL,
    json    text NOT NULL,
    PRIMARY KEY (slug, version)
);
CREATE TABLE help_entries (
    id       text PRIMARY KEY,
    position bigint NOT NULL,
    json     text NOT NULL
);
CREATE TABLE you_said_we_did (
    id       text PRIMARY KEY,
    position bigint NOT NULL,
    json     text NOT NULL
);
CREATE TABLE kiosk_settings (
    id   bigint PRIMARY KEY CHECK (id = 1),
    json text NOT NULL
);
CREATE TABLE sealed_signups (
    id             text PRIMARY KEY,
    form           text NOT NULL,
    version        bigint NOT NULL,
    site           text NOT NULL,
    date           text NOT NULL,
    sealed         text NOT NULL,
    received_date  text NOT NULL,
    handled_date   text,
    key_id         text,
    contacted_date text
);
CREATE TABLE enrol_codes (
    code_hash  text PRIMARY KEY,
    site       text NOT NULL,
    expires_at bigint NOT NULL,
    used       bigint NOT NULL DEFAULT 0
);
CREATE TABLE submissions (
    id             text PRIMARY KEY,
    form           text NOT NULL,
    version        bigint NOT NULL,
    site           text NOT NULL,
    month          text NOT NULL,
    answers        text NOT NULL,
    received_month text NOT NULL
);
CREATE INDEX submissions_by_form ON submissions(form, version);
CREATE TABLE language_counts (
    form     text NOT NULL,
    site     text NOT NULL,
    month    text NOT NULL,
    language text NOT NULL,
    count    bigint NOT NULL,
    PRIMARY KEY (form, site, month, language)
);
CREATE TABLE kiosks (
    id               text PRIMARY KEY,
    site             text NOT NULL,
    token_hash       text NOT NULL UNIQUE,
    enrolled_date    text NOT NULL,
    last_seen_date   text,
    app_version      text NOT NULL DEFAULT '',
    outbox_band      text NOT NULL DEFAULT '0',
    oldest_item_days bigint,
    content_version  text NOT NULL DEFAULT '',
    last_sync_error  text NOT NULL DEFAULT ''
);
CREATE TABLE coordinator_passphrase (
    id                    bigint PRIMARY KEY CHECK (id = 1),
    alg                   text NOT NULL,
    opslimit              bigint NOT NULL,
    memlimit              bigint NOT NULL,
    salt                  text NOT NULL,
    sample                bigint NOT NULL DEFAULT 0,
    signing_public_key    text NOT NULL,
    signing_secret_locked text NOT NULL
);
CREATE TABLE coordinator_box_keys (
    key_id        text PRIMARY KEY,
    public_key    text NOT NULL,
    signature     text NOT NULL,
    locked_secret text NOT NULL,
    current       bigint NOT NULL DEFAULT 0
);
CREATE TABLE item_counts (
    form    text NOT NULL,
    version bigint NOT NULL,
    site    text NOT NULL,
    month   text NOT NULL,
    count   bigint NOT NULL,
    PRIMARY KEY (form, version, site, month)
);
CREATE TABLE answer_counts (
    form     text NOT NULL,
    version  bigint NOT NULL,
    site     text NOT NULL,
    month    text NOT NULL,
    question text NOT NULL,
    answer   text NOT NULL,
    count    bigint NOT NULL,
    PRIMARY KEY (form, version, site, month, question, answer)
);
CREATE TABLE users (
    name           text PRIMARY KEY,
    password_hash  text NOT NULL,
    roles          text NOT NULL,
    totp_secret    text,
    totp_last_step bigint NOT NULL DEFAULT 0,
    demo           bigint NOT NULL DEFAULT 0,
    created        bigint NOT NULL,
    disabled       bigint NOT NULL DEFAULT 0
);
CREATE TABLE recovery_codes (
    "user"    text NOT NULL REFERENCES users(name) ON DELETE CASCADE,
    code_hash text NOT NULL,
    PRIMARY KEY ("user", code_hash)
);
CREATE TABLE web_sessions (
    id_hash   text PRIMARY KEY,
    "user"    text NOT NULL REFERENCES users(name) ON DELETE CASCADE,
    created   bigint NOT NULL,
    last_used bigint NOT NULL,
    csrf      text NOT NULL
);
CREATE INDEX web_sessions_by_user ON web_sessions("user");
CREATE TABLE signin_failures (
    key          text PRIMARY KEY,
    window_start bigint NOT NULL,
    failures     bigint NOT NULL
);
CREATE TABLE audit_log (
    id     bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    at     bigint NOT NULL,
    who    text NOT NULL,
    action text NOT NULL,
    detail text NOT NULL DEFAULT ''
);
CREATE INDEX audit_log_by_who ON audit_log(who, at);
CREATE TABLE invitations (
    token_hash text PRIMARY KEY,
    roles      text NOT NULL,
    invited_by text NOT NULL,
    expires_at bigint NOT NULL,
    used       bigint NOT NULL DEFAULT 0
);
CREATE TABLE sites (
    slug      text PRIMARY KEY,
    name      text NOT NULL,
    address   text NOT NULL DEFAULT '',
    hours     text NOT NULL,
    languages text NOT NULL DEFAULT '[]'
);
CREATE TABLE translation_marks (
    form     text NOT NULL,
    version  bigint NOT NULL,
    string   text NOT NULL,
    language text NOT NULL,
    state    text NOT NULL CHECK (state IN ('none', 'needs_review', 'reviewed')),
    by_user  text NOT NULL,
    at       bigint NOT NULL,
    PRIMARY KEY (form, version, string, language)
);
CREATE TABLE comments (
    id       text PRIMARY KEY,
    form     text NOT NULL,
    version  bigint NOT NULL,
    site     text NOT NULL,
    month    text NOT NULL,
    question text NOT NULL,
    text     text NOT NULL,
    state    text NOT NULL DEFAULT 'waiting' CHECK (state IN ('waiting', 'approved')),
    concern  text NOT NULL DEFAULT 'none' CHECK (concern IN ('none', 'open', 'answered')),
    response text NOT NULL DEFAULT ''
);
CREATE INDEX comments_by_state ON comments(state, form, month);
CREATE INDEX comments_by_concern ON comments(concern, site);
CREATE TABLE decisions (
    id             bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    title          text NOT NULL,
    decided        text NOT NULL,
    results        text NOT NULL DEFAULT '[]',
    sites          text NOT NULL DEFAULT '[]',
    status         text NOT NULL
        CHECK (status IN ('proposed', 'agreed', 'in_progress', 'done', 'not_possible')),
    reason         text NOT NULL DEFAULT '',
    service_change bigint NOT NULL DEFAULT 0 CHECK (service_change IN (0, 1)),
    you_said       text NOT NULL DEFAULT '',
    we_did         text NOT NULL DEFAULT '',
    kiosk_ended    bigint NOT NULL DEFAULT 0 CHECK (kiosk_ended IN (0, 1)),
    recorded_date  text NOT NULL,
    CHECK (status <> 'not_possible' OR reason <> '')
);
CREATE TABLE decision_updates (
    id          bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    decision    bigint NOT NULL REFERENCES decisions(id) ON DELETE CASCADE,
    date        text NOT NULL,
    status_from text NOT NULL,
    status_to   text NOT NULL,
    note        text NOT NULL DEFAULT '',
    by_user     text NOT NULL
);
CREATE INDEX decision_updates_by_decision ON decision_updates(decision, id);
CREATE TABLE signup_retention (
    id           bigint PRIMARY KEY CHECK (id = 1),
    handled_days bigint NOT NULL,
    flag_days    bigint NOT NULL,
    max_days     bigint NOT NULL
);
INSERT INTO signup_retention(id, handled_days, flag_days, max_days) VALUES (1, 30, 14, 90);
CREATE TABLE group_counts (
    form           text NOT NULL,
    version        bigint NOT NULL,
    site           text NOT NULL,
    month          text NOT NULL,
    group_question text NOT NULL,
    group_answer   text NOT NULL,
    question       text NOT NULL,
    answer         text NOT NULL,
    count          bigint NOT NULL,
    PRIMARY KEY (form, version, site, month, group_question, group_answer, question, answer)
);
-- Sign-ups received and first handled per month, counted as it happens so
-- the figures stay when the sign-ups are deleted (SQLite migration 14).
CREATE TABLE signup_counts (
    month    text PRIMARY KEY,
    received bigint NOT NULL DEFAULT 0,
    handled  bigint NOT NULL DEFAULT 0
);
CREATE FUNCTION engage_signup_received() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO signup_counts(month, received) VALUES (substr(NEW.received_date, 1, 7), 1)
        ON CONFLICT(month) DO UPDATE SET received = signup_counts.received + 1;
    RETURN NEW;
END $$;
CREATE TRIGGER signup_received_counted AFTER INSERT ON sealed_signups
    FOR EACH ROW EXECUTE FUNCTION engage_signup_received();
CREATE FUNCTION engage_signup_handled() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF OLD.handled_date IS NULL AND NEW.handled_date IS NOT NULL THEN
        INSERT INTO signup_counts(month, handled) VALUES (substr(NEW.handled_date, 1, 7), 1)
            ON CONFLICT(month) DO UPDATE SET handled = signup_counts.handled + 1;
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER signup_handled_counted AFTER UPDATE OF handled_date ON sealed_signups
    FOR EACH ROW EXECUTE FUNCTION engage_signup_handled();
-- What the other servers must hear at once (store/pg_listener.hpp): a new
-- content version (sent at commit, with the version) and a revoked kiosk
-- (with its token hash, so their token caches forget it).
CREATE FUNCTION engage_content_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.key = 'content_version' THEN
        PERFORM pg_notify('engage_content', NEW.value);
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER content_version_notified AFTER INSERT OR UPDATE ON meta
    FOR EACH ROW EXECUTE FUNCTION engage_content_changed();
CREATE FUNCTION engage_kiosk_revoked() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('engage_kiosk_revoked', OLD.token_hash);
    RETURN OLD;
END $$;
CREATE TRIGGER kiosk_revoked_notified AFTER DELETE ON kiosks
    FOR EACH ROW EXECUTE FUNCTION engage_kiosk_revoked();
-- ANALYZE (autovacuum runs it) copies sample values of every column into
-- pg_statistic, where they outlive the rows: a rejected comment's words, a
-- deleted sign-up's box and id. These columns are never filtered on except
-- through a unique index, so the planner loses nothing without them.
ALTER TABLE comments ALTER COLUMN text SET STATISTICS 0;
ALTER TABLE comments ALTER COLUMN response SET STATISTICS 0;
ALTER TABLE sealed_signups ALTER COLUMN id SET STATISTICS 0;
ALTER TABLE sealed_signups ALTER COLUMN sealed SET STATISTICS 0;
ALTER TABLE submissions ALTER COLUMN answers SET STATISTICS 0;
)sql";

constexpr std::array pg_migrations{
    PgMigration{14, schema_14},
};
static_assert(pg_migrations.back().version == schema_version,
              "a new schema version needs its PostgreSQL step too");

// Holds the session advisory lock for its lifetime.
class MigrationLock {
public:
    explicit MigrationLock(pg::Connection& c) : c_(c) {
        c_.query("SELECT pg_advisory_lock($1)", pg_migration_lock);
    }
    ~MigrationLock() {
        try {
            c_.query("SELECT pg_advisory_unlock($1)", pg_migration_lock);
        } catch (...) {
            // A broken connection released the lock with the session.
        }
    }
    MigrationLock(const MigrationLock&) = delete;
    MigrationLock& operator=(const MigrationLock&) = delete;

private:
    pg::Connection& c_;
};

} // namespace

int read_pg_schema_version(pg::Connection& c) {
    const auto exists = c.query("SELECT to_regclass('engage_schema') IS NOT NULL");
    if (!exists.boolean(0, 0)) {
        return 0;
    }
    const auto r = c.query("SELECT version FROM engage_schema");
    return r.rows() == 0 ? 0 : static_cast<int>(r.integer(0, 0));
}

int apply_pg_migrations(pg::Connection& c) {
    MigrationLock lock(c);
    c.exec("CREATE TABLE IF NOT EXISTS engage_schema (version bigint NOT NULL)");
    int version = read_pg_schema_version(c);
    if (version > schema_version) {
        throw sqlite::NewerSchemaError("the database is at schema " + std::to_string(version) +
                                       ", newer than this program's " +
                                       std::to_string(schema_version) +
                                       ": a newer engage-admin made it");
    }
    for (const auto& step : pg_migrations) {
        if (step.version <= version) {
            continue;
        }
        // The first step is the whole schema: it starts from nothing.
        if (version != 0 && step.version == pg_migrations.front().version) {
            continue;
        }
        pg::Transaction tx(c);
        c.exec(step.sql);
        c.exec("DELETE FROM engage_schema");
        c.query("INSERT INTO engage_schema(version) VALUES($1)", std::int64_t{step.version});
        tx.commit();
        version = step.version;
    }
    return version;
}

} // namespace engage::store
