#pragma once
// The server's log (issue 13): one call per event, written to the systemd
// journal with structured fields when stderr is the journal (JOURNAL_STREAM
// names it), else as one plain line on stderr.
//
// What may be logged (DESIGN §6, docs/privacy.md): start, stop, faults and
// periodic counters. Never personal data, never an answer, id, token, site
// or address, and never a line per submission, batch or kiosk request: a
// line's time would say when someone pressed Send (issue 8).
//
// Thread safety: every function may be called from any thread.

#include <initializer_list>
#include <span>
#include <string>
#include <string_view>
#include <sys/types.h>
#include <vector>

namespace engage::journal {

// syslog(3) levels, as journald's PRIORITY field takes them.
enum class Priority { err = 3, warning = 4, notice = 5, info = 6 };

// One extra journal field, e.g. {"ENGAGE_ACCEPTED", "120"}.
struct Field {
    std::string_view name;
    std::string value;
};

// journald's rule for a field a program may set: 1 to 64 of A-Z, 0-9 and
// '_', not starting with '_' (those are trusted fields journald adds).
bool valid_field_name(std::string_view name);

// The text of a value as logged: control bytes (a newline would forge a
// second line on stderr) become '?'.
std::string clean_value(std::string_view value);

// Every "NAME=value" the journal gets for one event, in order: MESSAGE,
// PRIORITY, SYSLOG_IDENTIFIER (engage-admin), ENGAGE_EVENT, then `extra`.
// A field with an invalid name is left out (names are literals in our code;
// the unit test checks them).
std::vector<std::string> journal_fields(Priority priority, std::string_view event,
                                        std::string_view message, std::span<const Field> extra);

// True when JOURNAL_STREAM's "DEVICE:INODE" (systemd.exec(5)) names the file
// stderr is: only then does stderr lead to the journal, and not, say, a
// file a child inherited from a service.
bool journal_stream_matches(const char* journal_stream, dev_t device, ino_t inode);

// Sends `fields` (journal_fields' output) to journald's socket; false when
// there is no journal to take them (write() then falls back to stderr).
bool send_to_journal(const std::vector<std::string>& fields);

// Logs one event: `event` is a stable machine name (ENGAGE_EVENT, e.g.
// "tls_reloaded"), `message` the line a person reads.
void write(Priority priority, std::string_view event, std::string_view message,
           std::initializer_list<Field> extra = {});

} // namespace engage::journal
