#!/usr/bin/env bash
# Reports whether Studio's browser tests (@Tag("browser") in examples/weather-agent, headless Debian Chromium through
# chromium-driver) ran in the Maven build just before: they skip themselves (a JUnit assumption naming what is
# missing) when /usr/bin/chromium or /usr/bin/chromedriver is absent, and this check turns that into a line in
# ./test.sh's summary. Exit: 0 they ran, 77 skipped (with "skipped: <why>"), 1 when MASTRA4J_REQUIRE_ALL_CHECKS=1.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/checks.sh
shopt -s nullglob
reports=(examples/weather-agent/target/surefire-reports/TEST-dev.mastra4j.examples.weather.Studio*BrowserTest.xml)
if [ ${#reports[@]} -eq 0 ]; then
  skip_check "Studio's browser tests did not run in this build (test group excluded or tests selected)"
fi
if grep -q '<skipped' "${reports[@]}"; then
  reason=$(grep -ho "browser tests need .* is missing" "${reports[@]}" | head -n 1 || true)
  skip_check "Studio's ${reason:-browser tests were skipped (see the surefire reports)}"
fi
ran=0
for count in $(grep -ho '<testsuite [^>]*tests="[0-9]*"' "${reports[@]}" | sed 's/.*tests="//; s/"//'); do
  ran=$((ran + count))
done
echo "Studio's browser tests ran in headless Chromium: $ran tests (results in the Maven build above)"
