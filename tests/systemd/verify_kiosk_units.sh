#!/usr/bin/env bash
# Checks the kiosk appliance's files offline (no running systemd needed):
# - systemd-analyze verify on engage-kiosk.service and the display timer;
# - the settings the watchdog and "no way out" rely on are in the unit;
# - bash -n and shellcheck on hardware/provision-kiosk.sh and kiosk-display.sh;
# - kiosk-display.sh dims and wakes a stand-in backlight.
# Usage: verify_kiosk_units.sh SOURCE_DIR
# Exit 77 (skipped) where systemd-analyze or shellcheck is not installed.
set -euo pipefail
src=$1
for tool in systemd-analyze shellcheck; do
  if ! command -v "$tool" >/dev/null; then
    echo "skipped: $tool is not installed"
    exit 77
  fi
done
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
units=$work/units
mkdir -p "$units"
cp "$src"/hardware/systemd/engage-kiosk*.service "$src"/hardware/systemd/engage-kiosk*.path "$units"/
# verify wants each ExecStart binary to exist: the display script from the source tree.
sed -i "s|/usr/local/lib/engage-kiosk/kiosk-display.sh|$src/hardware/kiosk-display.sh|" "$units"/*.service

fail=0
if ! out=$(cd "$units" && SYSTEMD_UNIT_PATH="$units:" systemd-analyze verify \
      engage-kiosk.service engage-kiosk-display.service engage-kiosk-display.path 2>&1); then
  echo "verify failed:"; echo "$out"; fail=1
elif [ -n "$out" ]; then
  echo "verify warned (treated as failure):"; echo "$out"; fail=1
else
  echo "systemd-analyze verify: clean"
fi

unit=$src/hardware/systemd/engage-kiosk.service
for setting in 'Type=notify$' 'NotifyAccess=all$' 'WatchdogSec=[1-9]' 'Restart=always$' \
    'User=engage-kiosk$' 'PAMName=login$' 'TTYPath=/dev/tty1$' 'Conflicts=getty@tty1.service$' \
    'NoNewPrivileges=yes$' 'ExecStart=/usr/bin/cage '; do
  if ! grep -q "^$setting" "$unit"; then
    echo "engage-kiosk.service lacks $setting"; fail=1
  fi
done
# cage -s would allow VT switching: never.
if grep '^ExecStart=' "$unit" | sed 's/ -- .*//' | grep -qw -- '-s'; then
  echo "engage-kiosk.service runs cage with -s (VT switching)"; fail=1
fi

for script in "$src"/hardware/provision-kiosk.sh "$src"/hardware/kiosk-display.sh; do
  if bash -n "$script" && shellcheck "$script"; then
    echo "bash -n and shellcheck: $(basename "$script") clean"
  else
    fail=1
  fi
done

light=$work/backlight/panel
mkdir -p "$light"
echo 1000 >"$light/max_brightness"
echo 1000 >"$light/brightness"
ENGAGE_BACKLIGHT_ROOT=$work/backlight ENGAGE_DIM_PERCENT=5 "$src"/hardware/kiosk-display.sh dim
[ "$(cat "$light/brightness")" = 50 ] || { echo "dim left brightness $(cat "$light/brightness")"; fail=1; }
ENGAGE_BACKLIGHT_ROOT=$work/backlight "$src"/hardware/kiosk-display.sh wake
[ "$(cat "$light/brightness")" = 1000 ] || { echo "wake left brightness $(cat "$light/brightness")"; fail=1; }
# The kiosk's request: one word; anything else leaves the light alone.
request() { # WORDS... -> brightness after `kiosk-display.sh request`
  printf '%s' "$1" >"$work/request"
  ENGAGE_BACKLIGHT_ROOT=$work/backlight ENGAGE_DISPLAY_REQUEST=$work/request \
    "$src"/hardware/kiosk-display.sh request >/dev/null
  cat "$light/brightness"
}
[ "$(request $'dim\n')" = 50 ] || { echo "request dim did not dim"; fail=1; }
[ "$(request $'wake\n')" = 1000 ] || { echo "request wake did not wake"; fail=1; }
[ "$(request $'off; rm -rf /\n')" = 1000 ] || { echo "a bad request changed the light"; fail=1; }
[ "$(request $'dimmer\n')" = 1000 ] || { echo "a near-word request changed the light"; fail=1; }
ln -sf "$light/max_brightness" "$work/request-link"
if ENGAGE_BACKLIGHT_ROOT=$work/backlight ENGAGE_DISPLAY_REQUEST=$work/request-link \
    "$src"/hardware/kiosk-display.sh request | grep -q "no request"; then :; else
  echo "a linked request file was followed"; fail=1
fi
# The kiosk's unit names the file the path unit watches.
if ! grep -q -- '--display-request /run/engage-kiosk/display' "$unit" ||
   ! grep -q '^PathChanged=/run/engage-kiosk/display$' "$src"/hardware/systemd/engage-kiosk-display.path; then
  echo "engage-kiosk.service and engage-kiosk-display.path disagree on the request file"; fail=1
fi
exit $fail
