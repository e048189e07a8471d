#!/usr/bin/env bash
# Runs every test: the Maven build with all unit and integration tests (./mvnw verify, which also runs the build's
# checks: javac lint, dependency analysis and convergence, the format check, coverage reports), then the checks outside
# Maven (scripts/jdk-test.sh, the package-cycle check, and the official @mastra/client-js against the example server).
# Every test group runs here, the load tests (@Tag("slow")) and the child-JVM tests (@Tag("process")) too; for only the
# fast ones while developing: ./mvnw -o -B -Pfast verify.
# Needs a JDK 21+ (found by scripts/jdk.sh); the first build downloads dependencies from Maven Central. The client-js
# check also needs npm and Linux x64: without them it prints "skipped: <why>" and the Java tests decide alone, unless
# MASTRA4J_REQUIRE_ALL_CHECKS=1 (set by .ci/run) makes every check mandatory. Studio's browser tests run inside Maven
# with Debian's chromium and chromium-driver; without them they are skipped, and the summary says so and why.
# Ends with "checks: N passed, N failed, N skipped" for the checks outside Maven; exits non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")"
. scripts/jdk.sh
. scripts/checks.sh
echo "Using JDK at $JAVA_HOME"
./mvnw -B -ntp verify "$@" || { status=$?; echo "test.sh: the Maven build failed; the checks outside Maven did not run."; exit "$status"; }

passed=0 failed=0 skipped=0
results=()
out=$(mktemp)
trap 'rm -f "$out"' EXIT
# run_check NAME SCRIPT [ARGS...]: runs one check (exit 0 passed, 77 skipped, anything else failed), records the
# outcome.
run_check() {
  local name=$1 status=0
  echo
  echo "== $name"
  bash "$2" "${@:3}" 2>&1 | tee "$out" || status=$?
  if [ "$status" -eq 0 ]; then
    passed=$((passed + 1)); results+=("$name: passed")
  elif [ "$status" -eq "$CHECK_SKIPPED" ] && [ "${MASTRA4J_REQUIRE_ALL_CHECKS:-}" != 1 ]; then
    skipped=$((skipped + 1)); results+=("$name: $(grep '^skipped: ' "$out" | tail -n 1)")
  else
    failed=$((failed + 1)); results+=("$name: FAILED (exit $status)")
  fi
}
run_check "jdk.sh" scripts/jdk-test.sh
run_check "package cycles" scripts/check-cycles.sh
run_check "client-js" benchmarks/client-js-compat/run.sh
run_check "browser tests (Studio)" scripts/browser-tests-check.sh
# The same check against the weather agent in a Spring Boot application (mastra-spring-boot-starter on Tomcat).
run_check "client-js (Spring host)" benchmarks/client-js-compat/run.sh "$PWD/examples/spring-weather/target/spring-weather.jar"

echo
echo "Checks outside Maven (the Maven build above passed):"
printf '  %s\n' "${results[@]}"
echo "checks: $passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
