#!/usr/bin/env bash
# Builds the weather example (only when a source or pom is newer than its jar) and runs it on http://localhost:4111
# (PORT and HOST override). Without API keys it uses the offline stand-in model; without Clerk keys it starts in
# development auth mode. Needs a JDK 21+ (found by scripts/jdk.sh); the first build downloads from Maven Central.
set -euo pipefail
cd "$(dirname "$0")"
. scripts/jdk.sh

jar=examples/weather-agent/target/weather-agent.jar
# Start-up caches, made once per build: on JDK 25+ an ahead-of-time cache from a training run (see below), on JDK 21-24
# an AppCDS archive written when the first run exits. Each roughly halves the time to the first answer or better.
archive=examples/weather-agent/target/weather-agent.jsa
java_version=$(sed -n 's/^JAVA_VERSION="\(.*\)"/\1/p' "$JAVA_HOME/release" 2>/dev/null || true)
aot_cache=examples/weather-agent/target/weather-agent-${java_version:-unknown}.aot

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
java_feature=${java_version%%.*}
if [ "${java_feature:-0}" -ge 25 ] 2>/dev/null; then
  # JDK 25+: a cache older than the jar, or made by another JDK (its name holds the version), is made again. The
  # training run starts the example on a free loopback port, sends it an authenticated generate and stream, and exits
  # (AotTraining); the JVM then writes the cache. A failed training only costs speed: its log stays in target/.
  if [ ! -f "$aot_cache" ] || [ "$jar" -nt "$aot_cache" ]; then
    rm -f examples/weather-agent/target/weather-agent-*.aot
    echo "Preparing the start-up cache (once per build, a few seconds) ..."
    training_log=examples/weather-agent/target/aot-training.log
    if "$JAVA_HOME/bin/java" -XX:AOTCacheOutput="$aot_cache" -Xlog:aot*=off,cds*=off -jar "$jar" --aot-training \
      >"$training_log" 2>&1; then
      rm -f "$training_log"
    else
      rm -f "$aot_cache"
      echo "  (no start-up cache: the training run failed, see $training_log)"
    fi
  fi
  if [ -f "$aot_cache" ]; then
    exec "$JAVA_HOME/bin/java" -XX:AOTCache="$aot_cache" -Xlog:aot*=off,cds*=off -jar "$jar"
  fi
  exec "$JAVA_HOME/bin/java" -jar "$jar"
fi

# JDK 21-24: an archive older than the jar no longer matches it (the JVM would refuse it at every start): let it be
# re-created.
if [ -f "$archive" ] && [ "$jar" -nt "$archive" ]; then rm -f "$archive"; fi

exec "$JAVA_HOME/bin/java" -XX:+AutoCreateSharedArchive -XX:SharedArchiveFile="$archive" -Xlog:cds=off,cds+dynamic=off \
  -jar "$jar"
