#!/usr/bin/env bash
# Checks too long for CI, run by hand before a release and reported in the
# closing notes (issue 7):
#   - every fuzz target for FUZZ_SECONDS (default 600) from the corpus it grew
#   - the whole test suite under ASan+UBSan (kiosk app and e2e included)
#   - the threaded tests under TSan REPEAT times (default 5), to shake out
#     races that need an unlucky schedule
# Usage: scripts/long-checks.sh [fuzz|asan|tsan]...   (all three by default)
#   FUZZ_SECONDS=60 REPEAT=2 scripts/long-checks.sh fuzz tsan
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/setup.sh
source scripts/checks.sh

FUZZ_SECONDS=${FUZZ_SECONDS:-600}
REPEAT=${REPEAT:-5}
parts=("$@")
[ ${#parts[@]} -gt 0 ] || parts=(fuzz asan tsan)
engage_install_missing

failed=()
for part in "${parts[@]}"; do
  case $part in
  fuzz)
    engage_stage "fuzz build" engage_fuzz_build || failed+=(fuzz-build)
    engage_stage "fuzz: every target for ${FUZZ_SECONDS} s" engage_fuzz_run "$FUZZ_SECONDS" ||
      failed+=(fuzz)
    ;;
  asan)
    # Everything, SDL parts included (headless, software renderer).
    engage_stage "ASan+UBSan: whole suite" \
      engage_sanitizer_stage "$ENGAGE_ROOT/build-asan" "address,undefined" '.' all ||
      failed+=(asan)
    ;;
  tsan)
    tsan_repeat() {
      engage_sanitizer_stage "$ENGAGE_ROOT/build-tsan" thread '^(server-unit|kiosk logic|server):' \
        engage_server_unit_tests engage_kiosk_logic_tests engage_server_tests engage-admin \
        engage-kiosk-media-tests &&
        ctest --test-dir "$ENGAGE_ROOT/build-tsan" --output-on-failure --timeout 600 \
          -R '^(server-unit|kiosk logic|server):' --repeat until-fail:"$REPEAT" &&
        "$ENGAGE_ROOT/build-tsan/bin/engage-kiosk-media-tests" '[speech]'
    }
    engage_stage "TSan: threaded tests x${REPEAT}" tsan_repeat || failed+=(tsan)
    ;;
  *)
    echo "long-checks: unknown part '$part' (fuzz, asan or tsan)" >&2
    exit 2
    ;;
  esac
done
echo "=== long-checks: ${SECONDS} s in all"
if [ ${#failed[@]} -gt 0 ]; then
  echo "=== long-checks: FAILED: ${failed[*]}"
  exit 1
fi
