# Sourced by the checks that ./test.sh runs besides Maven. Each check is a script that exits 0 when it passed,
# 1 when it failed, and 77 (CHECK_SKIPPED) when it cannot run on this machine.
CHECK_SKIPPED=77

# skip_check WHY: prints "skipped: WHY" and exits 77; but when MASTRA4J_REQUIRE_ALL_CHECKS=1 (set by .ci/run), every
# check is mandatory: then it prints why the check cannot run and exits 1.
skip_check() {
  if [ "${MASTRA4J_REQUIRE_ALL_CHECKS:-}" = 1 ]; then
    echo "FAILED: $1 (MASTRA4J_REQUIRE_ALL_CHECKS=1 makes this check mandatory)" >&2
    exit 1
  fi
  echo "skipped: $1"
  exit "$CHECK_SKIPPED"
}
