#!/usr/bin/env bash
# One start of the weather example with -Xlog:class+load, then the README's generate call: prints when (JVM uptime)
# each phase's first class loaded, the class counts per library, and the time to the first 200 (harness clock).
# AOT=0 runs without the start-up cache; MODE=clerk as in measure.sh is not supported here (development mode only).
# Usage: bash benchmarks/startup/phases.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
. scripts/jdk.sh
port=${PORT:-4197}
jar=examples/weather-agent/target/weather-agent.jar
cache=$(ls examples/weather-agent/target/weather-agent-*.aot 2>/dev/null | head -n 1 || true)
work=$(mktemp -d)
pid=""
trap '[ -z "$pid" ] || kill "$pid" 2>/dev/null; rm -rf "$work"' EXIT
opts=(-Xlog:class+load=info:file="$work/classes.log":uptime -Xlog:aot*=off,cds*=off)
if [ "${AOT:-1}" = 1 ] && [ -n "$cache" ]; then opts+=(-XX:AOTCache="$cache"); fi
: >"$work/out"
start=$(date +%s%N)
PORT=$port "$JAVA_HOME/bin/java" "${opts[@]}" -jar "$jar" >"$work/out" 2>&1 &
pid=$!
token=""
until [ -n "$token" ]; do
  token=$(sed -n 's/.*Authorization: Bearer \([^"]*\)".*/\1/p' "$work/out" | head -n 1); sleep 0.005
done
listening_ms=$(( ($(date +%s%N) - start) / 1000000 ))
curl -s -o /dev/null -X POST "http://127.0.0.1:$port/api/agents/weatherAgent/generate" \
  -H "Authorization: Bearer $token" -H "Content-Type: application/json" -d '{"messages": "Weather in London"}'
first_ms=$(( ($(date +%s%N) - start) / 1000000 ))
sleep 0.3
kill "$pid"; wait "$pid" 2>/dev/null || true; pid=""
first() { grep -m1 -F "$1" "$work/classes.log" | sed 's/^\[\([0-9.]*\)s\].*/\1 s/'; }
count() { grep -c -E "$1" "$work/classes.log" || true; }
echo "cache: ${AOT:-1} ($(basename "${cache:-none}"))   token printed: ${listening_ms} ms   first 200: ${first_ms} ms (exec to curl done)"
echo "first class (JVM uptime):"
for c in dev.mastra4j.examples.weather.WeatherServer ch.qos.logback.classic.LoggerContext io.helidon.webserver.WebServer \
  com.fasterxml.jackson.databind.ObjectMapper dev.langchain4j com.networknt.schema com.github.victools \
  com.nimbusds.jose java.security.KeyPairGenerator sun.security.rsa.RSAKeyPairGenerator \
  dev.mastra4j.testing.LocalClerkIssuer dev.mastra4j.auth.clerk.MastraAuthClerk; do
  printf '  %-48s %s\n' "$c" "$(first "$c")"
done
printf '  %-48s %s\n' "last class" "$(tail -n 1 "$work/classes.log" | sed 's/^\[\([0-9.]*\)s\].*/\1 s/')"
echo "classes: all $(count .) shared $(count 'shared objects file')  jackson $(count ' com\.fasterxml') logback $(count ' ch\.qos')" \
  "xml $(count ' (com\.sun\.org\.apache|javax\.xml|jdk\.xml)') helidon $(count ' io\.helidon') nimbus $(count ' com\.nimbusds')" \
  "networknt $(count ' com\.networknt') victools $(count ' com\.github\.victools') langchain4j $(count ' dev\.langchain4j')" \
  "sun.security $(count ' sun\.security') mastra4j $(count ' dev\.mastra4j') clerk-sdk $(count ' com\.clerk')"
