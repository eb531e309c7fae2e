#!/usr/bin/env bash
# Checks too long for CI, run by hand before a release and reported in the
# closing notes (issue 7):
#   - every fuzz target for FUZZ_SECONDS (default 600) from the corpus it grew
#   - the whole test suite under ASan+UBSan (kiosk app and e2e included)
#   - the threaded tests under TSan REPEAT times (default 5), to shake out
#     races that need an unlucky schedule
#   - power cuts: POWER_ROUNDS (default 50) rounds of kill -9 of the kiosk and
#     the server (tests/kiosk/e2e/power_cut_test.cpp; CI runs 10); the seed is
#     printed, ENGAGE_POWER_CUT_SEED=N repeats a run
#   - layout: every kiosk screen in every language of the sample content, both
#     themes, every text size, checked for overlaps and for anything off the
#     window (tests/kiosk/app/layout_matrix_test.cpp; CI runs two of them);
#     screenshots and index.html in build/screenshots/kiosk-matrix/;
#     ENGAGE_LAYOUT_MATRIX=bn,ur build/bin/engage_kiosk_app_tests '[layout]'
#     runs chosen languages only
# Usage: scripts/long-checks.sh [fuzz|asan|tsan|power|layout]...   (all five by default)
#   FUZZ_SECONDS=60 REPEAT=2 scripts/long-checks.sh fuzz tsan
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/setup.sh
source scripts/checks.sh

FUZZ_SECONDS=${FUZZ_SECONDS:-600}
REPEAT=${REPEAT:-5}
POWER_ROUNDS=${POWER_ROUNDS:-50}
parts=("$@")
[ ${#parts[@]} -gt 0 ] || parts=(fuzz asan tsan power layout)
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
  power)
    power_cuts() {
      cmake --build "$ENGAGE_BUILD" -j2 --target engage_kiosk_e2e_tests engage-kiosk engage-admin &&
        ENGAGE_POWER_CUT_ROUNDS=$POWER_ROUNDS "$ENGAGE_BUILD/bin/engage_kiosk_e2e_tests" \
          '[power]'
    }
    engage_stage "power cuts: ${POWER_ROUNDS} rounds" power_cuts || failed+=(power)
    ;;
  layout)
    layout_matrix() {
      cmake --build "$ENGAGE_BUILD" -j2 --target engage_kiosk_app_tests engage-kiosk &&
        ENGAGE_LAYOUT_MATRIX=full "$ENGAGE_BUILD/bin/engage_kiosk_app_tests" '[layout]'
    }
    engage_stage "layout: every screen x language x theme x text size" layout_matrix ||
      failed+=(layout)
    ;;
  *)
    echo "long-checks: unknown part '$part' (fuzz, asan, tsan, power or layout)" >&2
    exit 2
    ;;
  esac
done
echo "=== long-checks: ${SECONDS} s in all"
if [ ${#failed[@]} -gt 0 ]; then
  echo "=== long-checks: FAILED: ${failed[*]}"
  exit 1
fi
