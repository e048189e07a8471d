#!/usr/bin/env bash
# Builds the weather example and runs it on http://localhost:4111 (PORT and HOST override).
# Without API keys it uses the offline stand-in model; without Clerk keys it starts in development auth mode.
set -euo pipefail
cd "$(dirname "$0")"
. scripts/jdk.sh
./mvnw -B -q -ntp -pl examples/weather-agent -am package -DskipTests
# The AppCDS archive (written on the first run, JDK 19+) roughly halves start-up time on later runs.
exec "$JAVA_HOME/bin/java" -XX:+AutoCreateSharedArchive -XX:SharedArchiveFile=examples/weather-agent/target/weather-agent.jsa \
  -jar examples/weather-agent/target/weather-agent.jar
