#!/usr/bin/env bash
# Installs what is missing, builds, then runs the main job: the admin server
# with sample content, and a kiosk enrolled to it. With a display the kiosk
# opens a window; without one it runs a short scripted visit headless and
# saves its screenshots. Ctrl-C stops everything.
#   ENGAGE_DEMO_DATA  where the demo keeps its data (default: ./demo-data)
#   ENGAGE_DEMO_PORT  server port on 127.0.0.1 (default: 8080)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
engage_install_missing
engage_build engage-admin engage-kiosk

BIN=$ENGAGE_BUILD/bin
DATA=${ENGAGE_DEMO_DATA:-$ENGAGE_ROOT/demo-data}
PORT=${ENGAGE_DEMO_PORT:-8080}
PASSPHRASE="demo only: change me"
STAFF_PIN=246813
mkdir -p "$DATA"
SERVER_DATA=$DATA/server
KIOSK_DATA=$DATA/kiosk
SHOTS=$DATA/screenshots

pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap cleanup EXIT INT TERM

if [ ! -f "$SERVER_DATA/engage.db" ]; then
  # A new data folder: init asks for the coordinators' passphrase (on two lines
  # of stdin here; a real service types its own, without echo). It is never
  # stored; the demo only prints it below.
  printf '%s\n%s\n' "$PASSPHRASE" "$PASSPHRASE" | "$BIN/engage-admin" init --data "$SERVER_DATA" >/dev/null
elif [ -f "$SERVER_DATA/coordinator-passphrase.txt" ]; then
  # demo-data from an older version: its passphrase was left in plain text,
  # which serve now refuses. coordinator-key reads it once, locks the key
  # under the demo passphrase and deletes the file.
  printf '%s\n%s\n' "$PASSPHRASE" "$PASSPHRASE" | "$BIN/engage-admin" coordinator-key --data "$SERVER_DATA" >/dev/null
fi

# Starts the server; false when it stopped before saying it listens.
serve_demo() {
  "$BIN/engage-admin" serve --data "$SERVER_DATA" --listen "127.0.0.1:$PORT" --sample >"$DATA/server.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 1 100); do
    grep -q "listening on" "$DATA/server.log" 2>/dev/null && return 0
    kill -0 "${pids[-1]}" 2>/dev/null || return 1
    sleep 0.1
  done
}
if ! serve_demo; then
  grep -q "made by an older engage-admin" "$DATA/server.log" || { cat "$DATA/server.log"; exit 1; }
  # demo-data from before the keyring whose passphrase file an older demo had
  # already deleted: move its key into a keyring (current passphrase, then
  # the new one twice: all the demo's), then start again.
  printf '%s\n%s\n%s\n' "$PASSPHRASE" "$PASSPHRASE" "$PASSPHRASE" |
    "$BIN/engage-admin" coordinator-key --data "$SERVER_DATA" >/dev/null
  serve_demo || { cat "$DATA/server.log"; exit 1; }
fi
URL=$(grep -o 'http[s]*://[0-9.:]*' "$DATA/server.log" | head -n 1)

enrol_args=()
if [ ! -f "$KIOSK_DATA/token" ]; then
  CODE=$("$BIN/engage-admin" enrol-code --data "$SERVER_DATA" --site "Demo Day Centre")
  enrol_args=(--enrol "$CODE")
fi
mkdir -p "$KIOSK_DATA"
printf '%s\n' "$STAFF_PIN" | "$BIN/engage-kiosk" --data "$KIOSK_DATA" --set-staff-pin >/dev/null

SPARE_CODE=$("$BIN/engage-admin" enrol-code --data "$SERVER_DATA" --site "Demo Day Centre")
# The sample database's demo user (admin and staff), made on the server's first start.
if [ -f "$SERVER_DATA/demo-credentials.txt" ]; then
  DEMO_PASSWORD=$(sed -n 's/^password: //p' "$SERVER_DATA/demo-credentials.txt")
  WEB_SIGN_IN="$URL/login   user demo, password $DEMO_PASSWORD (leave the code empty: sample database only)"
else
  WEB_SIGN_IN="$URL/login   (no demo user in this older demo database: delete $DATA to start afresh)"
fi
cat <<MSG

  Engage demo
  -----------
  Admin server:       $URL   (log: $DATA/server.log)
  Staff sign-in:      $WEB_SIGN_IN
  Server data:        $SERVER_DATA   (SQLite: engage.db)
  Kiosk data:         $KIOSK_DATA
  Enrol another kiosk: $BIN/engage-kiosk --data DIR --server $URL --enrol $SPARE_CODE
  Kiosk staff mode:   hold the top-left corner for 3 seconds, PIN $STAFF_PIN
  Coordinators' key passphrase (demo only): $PASSPHRASE
  Sign-ups:           $BIN/engage-admin signups --data $SERVER_DATA list
  Status:             $BIN/engage-admin status --data $SERVER_DATA --json

MSG

if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
  echo "Opening the kiosk window. Close it or press Ctrl-C to stop."
  # --test-mode: staff "Sync now" uploads at once, so the demo shows answers
  # arriving; a real kiosk never runs with it.
  "$BIN/engage-kiosk" --data "$KIOSK_DATA" --server "$URL" "${enrol_args[@]}" --upload-delay 60 \
    --test-mode
else
  echo "No display: running a short scripted visit headless."
  mkdir -p "$SHOTS"
  "$BIN/engage-kiosk" --data "$KIOSK_DATA" --server "$URL" "${enrol_args[@]}" --headless \
    --test-mode --script "$ENGAGE_ROOT/scripts/demo-visit.txt" --screenshot-dir "$SHOTS"
  echo "Screenshots of the visit: $SHOTS"
  "$BIN/engage-admin" status --data "$SERVER_DATA" --json
  if [ -t 0 ]; then
    echo "The server keeps running for more kiosks; press Ctrl-C to stop."
    wait "${pids[0]}"
  fi
fi
