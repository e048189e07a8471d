#!/usr/bin/env bash
# Measures the time from starting ./run-weather-agent.sh to the first authenticated 200 on the README's generate call,
# N times (default 5), in development mode (default) or Clerk mode (MODE=clerk: a LocalClerkIssuer in its own JVM plays
# Clerk). Prints one line per run and the median, minimum and maximum in milliseconds. The jar must be built already
# (run ./run-weather-agent.sh once); the script's own cache/archive handling runs as it does for a user.
# Usage: bash benchmarks/startup/measure.sh [N]        MODE=clerk bash benchmarks/startup/measure.sh [N]
set -euo pipefail
cd "$(dirname "$0")/../.."
. scripts/jdk.sh
runs=${1:-5}
mode=${MODE:-dev}
port=${PORT:-4199}
work=$(mktemp -d)
server_pid=""
issuer_pid=""
cleanup() {
  [ -z "$server_pid" ] || kill "$server_pid" 2>/dev/null || true
  [ -z "$issuer_pid" ] || kill "$issuer_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }

if [ "$mode" = clerk ]; then
  bench_jar=benchmarks/target/benchmarks.jar
  [ -f "$bench_jar" ] || ./mvnw -o -q -B -pl benchmarks -am package -Dmaven.test.skip=true >/dev/null
  "$JAVA_HOME/bin/java" -cp "$bench_jar" dev.mastra4j.benchmarks.IssuerMain >"$work/issuer" 2>&1 &
  issuer_pid=$!
  for _ in $(seq 300); do grep -q '^READY' "$work/issuer" && break; sleep 0.1; done
  value() { sed -n "s/^$1 //p" "$work/issuer"; }
  export CLERK_PUBLISHABLE_KEY; CLERK_PUBLISHABLE_KEY=$(value PUBLISHABLE_KEY)
  export CLERK_SECRET_KEY; CLERK_SECRET_KEY=$(value SECRET_KEY)
  export CLERK_JWKS_URI; CLERK_JWKS_URI=$(value JWKS_URI)
  TOKEN=$(value TOKEN)
fi

# The shaded jar must carry every Helidon module's metadata manifest (the pom merges them): with one, Helidon scans all
# of the jar's entries at each start instead of reading its files as resources.
manifests=$(unzip -p examples/weather-agent/target/weather-agent.jar META-INF/helidon/manifest 2>/dev/null | grep -c '^#HELIDON MANIFEST#' || true)
if [ "${manifests:-0}" -lt 2 ]; then
  echo "examples/weather-agent/target/weather-agent.jar: Helidon's META-INF/helidon/manifest is not merged (${manifests:-0} module(s))" >&2
  exit 1
fi

times=()
for i in $(seq "$runs"); do
  out="$work/run$i"
  : >"$out"
  start=$(now_ms)
  PORT=$port ./run-weather-agent.sh >"$out" 2>&1 &
  server_pid=$!
  token=${TOKEN:-}
  status=000
  while [ $(( $(now_ms) - start )) -lt 60000 ]; do
    if [ -z "$token" ]; then
      token=$(sed -n 's/.*Authorization: Bearer \([^"]*\)".*/\1/p' "$out" | head -n 1)
      [ -n "$token" ] || { sleep 0.005; continue; }
    fi
    status=$(curl -s -o /dev/null -w '%{http_code}' -X POST "http://127.0.0.1:$port/api/agents/weatherAgent/generate" \
      -H "Authorization: Bearer $token" -H "Content-Type: application/json" \
      -d '{"messages": "Weather in London"}' 2>/dev/null || true)
    [ "$status" = 200 ] && break
    sleep 0.005
  done
  elapsed=$(( $(now_ms) - start ))
  kill "$server_pid" 2>/dev/null || true
  wait "$server_pid" 2>/dev/null || true
  server_pid=""
  if [ "$status" != 200 ]; then echo "run $i: no 200 within 60 s (last status $status)"; cat "$out"; exit 1; fi
  if grep -qE '\[(error|warning)\]\[(cds|aot)' "$out"; then echo "run $i: cds/aot message on the console:"; cat "$out"; fi
  echo "run $i: ${elapsed} ms"
  times+=("$elapsed")
done
sorted=$(printf '%s\n' "${times[@]}" | sort -n)
median=$(printf '%s\n' "$sorted" | sed -n "$(( (runs + 1) / 2 ))p")
echo "$mode: median ${median} ms, min $(printf '%s\n' "$sorted" | head -1) ms, max $(printf '%s\n' "$sorted" | tail -1) ms ($runs runs)"
