#include "cli/commands.hpp"
#include "cli/options.hpp"

#include <cstdio>

namespace engage::cli {

void print_usage() {
    std::fputs("usage:\n"
               "  engage-admin init --data DIR      (asks the coordinators' passphrase)\n"
               "  engage-admin serve --data DIR [--listen 127.0.0.1:8080] [--sample]\n"
               "                     [--tls-cert FILE --tls-key FILE | --insecure]\n"
               "                     [--read-timeout SECONDS] [--idle-timeout SECONDS]\n"
               "                     [--max-connections N] [--threads N]\n"
               "                     [--retention-months M] [--suppression-k K]\n"
               "                     [--public-url https://HOST] [--trusted-proxy ADDRESS]\n"
               "                     [--store postgresql://USER@HOST/DB]\n"
               "                     [--test-mode]\n"
               "  engage-admin enrol-code --data DIR --site NAME [--valid-hours H]\n"
               "  engage-admin status --data DIR [--json]\n"
               "  engage-admin report --data DIR --form SLUG [--site NAME]\n"
               "                     [--period YYYY-MM|YYYY-Qn] [--version N]\n"
               "                     --format csv|json|html [--suppression-k K]\n"
               "        (the Board's results with small numbers hidden, as the web page\n"
               "        or its download shows them; reads the database only)\n"
               "  engage-admin coordinator-key --data DIR [--rotate]\n"
               "  engage-admin signups --data DIR list | delete ID   (asks the passphrase)\n"
               "  engage-admin backup --data DIR --to FILE\n"
               "  engage-admin restore --data DIR --from FILE\n"
               "  engage-admin content export --data DIR > FILE\n"
               "  engage-admin content import --data DIR FILE [--publish] [--needs-review]\n"
               "                     (server stopped)\n"
               "  engage-admin add-user --data DIR --user NAME --role ROLE[,ROLE...] [--totp]\n"
               "        (roles: admin, staff, coordinator, board; password from the terminal\n"
               "        without echo, or the first line of stdin when it is not a terminal)\n"
               "  engage-admin migrate-store --data DIR --to postgresql://USER@HOST/DB\n"
               "        (copies DIR/engage.db into an empty PostgreSQL database and checks every\n"
               "        table's rows; server stopped)\n"
               "Every command above that uses the database takes --store postgresql://... (or\n"
               "`store = postgresql://...` in DIR/engage-admin.conf) to use a PostgreSQL\n"
               "database shared by several servers instead of DIR/engage.db; backup and\n"
               "restore then print the pg_dump and pg_restore commands to use.\n",
               stderr);
}

} // namespace engage::cli
