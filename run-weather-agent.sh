#!/usr/bin/env bash
# Builds the weather example (only when a source or pom is newer than its jar) and runs it on http://localhost:4111
# (PORT and HOST override). Without API keys it uses the offline stand-in model; without Clerk keys it starts in
# development auth mode. Needs a JDK 21+ (found by scripts/jdk.sh); the first build downloads from Maven Central.
set -euo pipefail
cd "$(dirname "$0")"
. scripts/jdk.sh

jar=examples/weather-agent/target/weather-agent.jar
# The AppCDS archive (written when the first run exits) roughly halves start-up time on later runs.
archive=examples/weather-agent/target/weather-agent.jsa

# True when the jar is missing or a pom or main source of the example or of a module it is built from is newer.
jar_is_stale() {
  [ -f "$jar" ] || return 0
  [ -n "$(find pom.xml .mvn mastra-*/pom.xml mastra-*/src/main examples/weather-agent/pom.xml \
    examples/weather-agent/src/main -newer "$jar" -print -quit 2>/dev/null)" ]
}

# Condenses Maven's output to one line per module and a download count; errors pass through as they are.
progress() {
  local line name downloads=0
  while IFS= read -r line; do
    case "$line" in
      "[INFO] Building "*"["*/*"]")
        name=${line#"[INFO] Building "}
        name=${name%[*}
        echo "  [${line##*[} ${name%"${name##*[![:space:]]}"}" ;;
      "[INFO] Downloaded from "*)
        downloads=$((downloads + 1))
        if [ $((downloads % 50)) -eq 0 ]; then echo "  $downloads files downloaded"; fi ;;
      "[ERROR]"*) printf '%s\n' "$line" ;;
    esac
  done
  if [ "$downloads" -gt 0 ]; then echo "  $downloads files downloaded in all"; fi
}

if jar_is_stale; then
  echo "Building $jar (the first build downloads dependencies from Maven Central: a minute or more) ..."
  log=$(mktemp)
  if ! ./mvnw -B -pl examples/weather-agent -am package -Dmaven.test.skip=true 2>&1 | tee "$log" | progress; then
    echo "Build failed; the full Maven log is in $log" >&2
    exit 1
  fi
  rm -f "$log"
fi
# An archive older than the jar no longer matches it (the JVM would refuse it at every start): let it be re-created.
if [ -f "$archive" ] && [ "$jar" -nt "$archive" ]; then rm -f "$archive"; fi

exec "$JAVA_HOME/bin/java" -XX:+AutoCreateSharedArchive -XX:SharedArchiveFile="$archive" -Xlog:cds=off,cds+dynamic=off \
  -jar "$jar"
