// engage-admin signups --data DIR list
// engage-admin signups --data DIR delete ID
//
// The coordinators' way to read peer-mentor sign-ups and to delete one when
// the person asks (issue 8, "Words and retention"). Both ask for the
// coordinators' passphrase as coordinator-key does (without echo at a
// terminal, one line of stdin otherwise; not for a sample folder, whose
// passphrase is published): only coordinators act on sign-ups.
//
// list   opens every stored sign-up with the key it names and prints its
//        reference, dates, site, form, the person's language and answers.
//        A sign-up that cannot be opened (sealed to a destroyed key,
//        damaged) is reported as unreadable; the others still print.
// delete removes one sign-up by its reference: deleted under secure_delete,
//        then the WAL is checkpointed and truncated, so neither the database
//        file nor its WAL keeps it. Old box keys no remaining sign-up names
//        are then destroyed, as the key lifecycle says.
#include "cli/commands.hpp"
#include "cli/data_dir.hpp"
#include "cli/passphrase_prompt.hpp"
#include "engage/coordinator_keyring.hpp"
#include "signups/open_signup.hpp"
#include "signups/signup_actions.hpp"
#include "signups/signup_reference.hpp"

#include <cstdio>
#include <exception>
#include <filesystem>
#include <optional>
#include <string>

namespace engage::cli {
namespace {

constexpr const char* usage_line =
    "usage: engage-admin signups --data DIR [--store URI] list | engage-admin signups --data DIR "
    "[--store URI] delete ID";

// The action words (list, delete ID) apart from the options.
struct Action {
    std::vector<std::string_view> words;
    Args options;
};

Action split_action(const Args& args) {
    Action a;
    for (std::size_t i = 0; i < args.size(); ++i) {
        if (args[i].starts_with("--")) {
            a.options.push_back(args[i]);
            if ((args[i] == "--data" || args[i] == "--store") && i + 1 < args.size()) {
                a.options.push_back(args[++i]);
            }
        } else {
            a.words.push_back(args[i]);
        }
    }
    return a;
}

// The keyring unlocked with the passphrase asked for, or nullopt after
// saying why not on stderr.
std::optional<UnlockedKeyring> unlock(const CoordinatorKeyring& ring) {
    std::optional<std::string> passphrase;
    if (ring.sample) {
        passphrase = std::string(sample_passphrase);
    } else {
        passphrase = read_secret_line("Coordinators' passphrase: ");
    }
    if (!passphrase) {
        std::fputs("engage-admin signups: no passphrase was given; nothing was opened\n", stderr);
        return std::nullopt;
    }
    auto unlocked = unlock_keyring(ring, *passphrase);
    wipe_secret_text(*passphrase);
    if (!unlocked) {
        std::fputs("engage-admin signups: the coordinators' passphrase is wrong; nothing was "
                   "opened or changed\n",
                   stderr);
    }
    return unlocked;
}

void print_signup(const signups::OpenedSignup& s) {
    std::printf("Sign-up %s  received %s  (given %s at %s)  form %s v%lld\n", s.reference.c_str(),
                s.received_date.c_str(), s.date.c_str(), s.site.c_str(), s.form.c_str(),
                static_cast<long long>(s.version));
    if (!s.unreadable.empty()) {
        std::printf("  unreadable: %s\n\n", s.unreadable.c_str());
        return;
    }
    if (!s.language.empty()) {
        std::printf("  language: %s\n", s.language.c_str());
    }
    if (s.fields.empty()) {
        std::puts("  (every question was skipped)");
    }
    for (const auto& f : s.fields) {
        std::printf("  %s: %s\n", f.question.c_str(), f.answer.c_str());
    }
    std::puts("");
}

int list(store::Store& store, const CoordinatorKeyring& ring, const UnlockedKeyring& keys) {
    const auto stored = store.sealed_signups();
    if (stored.empty()) {
        std::puts("No sign-ups are stored.");
        return 0;
    }
    const auto forms = store.load_content().forms;
    std::size_t unreadable = 0;
    for (const auto& s : stored) {
        const auto opened = signups::open_signup(s, ring, keys, forms);
        unreadable += opened.unreadable.empty() ? 0 : 1;
        print_signup(opened);
    }
    std::printf("%zu sign-up%s", stored.size(), stored.size() == 1 ? "" : "s");
    if (unreadable > 0) {
        std::printf(", %zu unreadable", unreadable);
    }
    std::puts(". To delete one at the person's request: engage-admin signups --data DIR delete ID");
    return 0;
}

int delete_one(store::Store& store, std::string_view typed) {
    const auto matches = signups::signups_with_reference(store, typed);
    if (matches.empty()) {
        std::fprintf(stderr,
                     "engage-admin signups: no sign-up has the id \"%.*s\"; nothing was deleted. "
                     "`engage-admin signups --data DIR list` shows each sign-up's id.\n",
                     static_cast<int>(typed.size()), typed.data());
        return exit_failure;
    }
    const std::string reference = signups::signup_reference(matches.front().id);
    if (matches.size() > 1) {
        std::fprintf(stderr,
                     "engage-admin signups: %zu sign-ups share the id %s; nothing was deleted. "
                     "Report this: it should not happen.\n",
                     matches.size(), reference.c_str());
        return exit_failure;
    }
    // The same deletion as the coordinators' web pages (signups/signup_actions.hpp).
    const auto d = signups::delete_signup(store, matches.front().id);
    if (!d.deleted) {
        std::fprintf(stderr,
                     "engage-admin signups: sign-up %s was deleted meanwhile by another "
                     "command\n",
                     reference.c_str());
        return exit_failure;
    }
    std::printf("Deleted sign-up %s.\n", reference.c_str());
    if (!d.wal_emptied) {
        std::puts("Note: the server was reading just then, so the write-ahead log still holds "
                  "an old copy; the running server empties it within seconds of being idle.");
    }
    for (const auto& id : d.destroyed_keys) {
        std::printf("Destroyed old coordinators' key %s: no stored sign-up needs it.\n",
                    id.c_str());
    }
    return 0;
}

} // namespace

int signups_command(const Args& args) {
    const Action action = split_action(args);
    std::string error;
    const auto options = parse_options(action.options, {{"data", "store"}, {}}, error);
    if (!options) {
        std::fprintf(stderr, "engage-admin signups: %s\n%s\n", error.c_str(), usage_line);
        return exit_usage;
    }
    const bool is_list = action.words.size() == 1 && action.words[0] == "list";
    const bool is_delete = action.words.size() == 2 && action.words[0] == "delete";
    if (!is_list && !is_delete) {
        std::fprintf(stderr, "engage-admin signups: say what to do: list, or delete ID\n%s\n",
                     usage_line);
        return exit_usage;
    }
    const auto dir = options->get("data");
    if (dir && refuse_plaintext_passphrase(*dir, "signups")) {
        return exit_failure;
    }
    auto store = open_data_dir(*options, "signups");
    if (!store) {
        return options->has("data") ? exit_failure : exit_usage;
    }
    try {
        const auto state = keyring_state(*store);
        if (state != KeyringState::ready) {
            print_keyring_fix(state, *dir, "signups");
            return exit_failure;
        }
        const auto ring = *store->coordinator_keyring();
        const auto keys = unlock(ring);
        if (!keys) {
            return exit_failure;
        }
        return is_list ? list(*store, ring, *keys) : delete_one(*store, action.words[1]);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "engage-admin signups: %s\n", e.what());
        return exit_failure;
    }
}

} // namespace engage::cli
