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
cp "$src"/hardware/systemd/engage-kiosk*.service "$src"/hardware/systemd/engage-kiosk*.timer "$units"/
# verify wants each ExecStart binary to exist: the display script from the source tree.
sed -i "s|/usr/local/lib/engage-kiosk/kiosk-display.sh|$src/hardware/kiosk-display.sh|" "$units"/*.service

fail=0
if ! out=$(cd "$units" && SYSTEMD_UNIT_PATH="$units:" systemd-analyze verify \
      engage-kiosk.service engage-kiosk-display.service engage-kiosk-display.timer 2>&1); then
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
# Open all day but for a minute: now is inside or outside, never an error.
ENGAGE_BACKLIGHT_ROOT=$work/backlight ENGAGE_OPEN=00:00 ENGAGE_CLOSE=23:59 \
  "$src"/hardware/kiosk-display.sh auto >/dev/null || fail=1
exit $fail
