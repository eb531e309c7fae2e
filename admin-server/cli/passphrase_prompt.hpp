#pragma once
// Asking an operator for the coordinators' passphrase: from the terminal
// without echo, or one line from stdin when it is not a terminal (scripts,
// tests). The passphrase is never written anywhere.

#include <optional>
#include <string>

namespace engage::cli {

// True when stdin is a terminal (a person can be asked).
bool stdin_is_terminal();

// Reads one line; on a terminal prints `prompt` on stderr and turns echo off
// while it is typed. nullopt at end of input.
std::optional<std::string> read_secret_line(const char* prompt);

// Asks for a new passphrase twice. Returns it, or prints why not on stderr
// (prefixed "engage-admin COMMAND: ") and returns nullopt: not given twice,
// the two differ, or shorter than min_passphrase_chars.
std::optional<std::string> ask_new_passphrase(const char* command);

} // namespace engage::cli
