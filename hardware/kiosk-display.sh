#!/usr/bin/env bash
# Sets the kiosk display's brightness: kiosk-display.sh dim|wake|request
#   dim      ENGAGE_DIM_PERCENT (default 5) of the maximum
#   wake     ENGAGE_BRIGHT_PERCENT (default 100)
#   request  does what the kiosk asked for in ENGAGE_DISPLAY_REQUEST
#            (default /run/engage-kiosk/display): one word, dim or wake.
# The kiosk decides when (its closed screen, after two minutes untouched, by
# the site's opening hours; wake at a touch: kiosk/runtime/display_dimmer.hpp)
# and engage-kiosk-display.path runs this script as root when the request
# file changes, because the kiosk's own user cannot write the backlight.
# Through the kernel's backlight interface (/sys/class/backlight: panels and
# all-in-ones), else DDC/CI with ddcutil (external monitors), else says so.
# Debian 12's cage has no wlr-output-management, so wlr-randr cannot turn the
# output off; dimming (not off) also keeps the closed screen's Help now
# readable and touchable.
# Installed to /usr/local/lib/engage-kiosk/ by provision-kiosk.sh.
set -euo pipefail

dim=${ENGAGE_DIM_PERCENT:-5}
bright=${ENGAGE_BRIGHT_PERCENT:-100}

mode=${1:-}
if [ "$mode" = request ]; then
  file=${ENGAGE_DISPLAY_REQUEST:-/run/engage-kiosk/display}
  # The kiosk's user writes this file and root reads it: only a plain file,
  # only its first 16 bytes, only the two words count.
  if [ -L "$file" ] || [ ! -f "$file" ]; then
    echo "kiosk-display: no request in $file; brightness unchanged"
    exit 0
  fi
  word=$(head -c 16 "$file" | head -n 1)
  case $word in
    dim|wake) mode=$word ;;
    *) echo "kiosk-display: request in $file is not dim or wake; ignored"; exit 0 ;;
  esac
fi
case $mode in
  dim) percent=$dim ;;
  wake) percent=$bright ;;
  *) echo "usage: kiosk-display.sh dim|wake|request" >&2; exit 2 ;;
esac

done_any=0
# ENGAGE_BACKLIGHT_ROOT: tests point it at a stand-in folder.
for b in "${ENGAGE_BACKLIGHT_ROOT:-/sys/class/backlight}"/*; do
  [ -w "$b/brightness" ] || continue
  max=$(cat "$b/max_brightness")
  value=$((max * percent / 100))
  # Never fully 0: some panels switch the backlight off at 0 and a touch
  # would then land on a screen nobody can see.
  [ "$value" -ge 1 ] || value=1
  echo "$value" >"$b/brightness"
  echo "kiosk-display: $(basename "$b") at $percent% ($mode)"
  done_any=1
done
if [ "$done_any" -eq 0 ] && command -v ddcutil >/dev/null; then
  # VCP 0x10 is brightness on monitors that speak DDC/CI.
  if ddcutil setvcp 10 "$percent" >/dev/null 2>&1; then
    echo "kiosk-display: monitor brightness $percent% over DDC/CI ($mode)"
    done_any=1
  fi
fi
if [ "$done_any" -eq 0 ]; then
  echo "kiosk-display: no backlight or DDC/CI monitor found; brightness unchanged ($mode)"
fi
