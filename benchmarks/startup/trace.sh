#!/usr/bin/env bash
# Starts the weather example RUNS times (default 7) as run-weather-agent.sh does (jar built, start-up cache of the jar's
# target/ directory used), with the start-up phase marks on (-Dmastra4j.startup.trace=true), sends the README's
# generate call as soon as it can, and prints for each phase the median time after exec, the median time to the first
# 200, the process's CPU time (user+sys) at that moment and curl's time for that first request (first-request-ms).
# MODE=clerk: a LocalClerkIssuer in its own JVM plays Clerk, as in measure.sh. JARS="a.jar b.jar" compares jars (say,
# before and after a change) with their runs interleaved, so both see the same machine load. Extra JVM options go in
# JAVA_OPTS; AOT=0 runs without the cache. DELAY=<ms> waits that long after the token is printed before the first
# request, so that first-request-ms shows what the first request pays once the start-up, warm-up included, is over, and
# first-request-cpu-ms the process's CPU time during it (less sensitive to other load, 10 ms ticks).
# Usage: bash benchmarks/startup/trace.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/../.."
. scripts/jdk.sh
runs=${1:-7}
mode=${MODE:-dev}
port=${PORT:-4196}
read -r -a jars <<<"${JARS:-examples/weather-agent/target/weather-agent.jar}"
work=$(mktemp -d)
pid=""
issuer_pid=""
cleanup() {
  [ -z "$pid" ] || kill "$pid" 2>/dev/null || true
  [ -z "$issuer_pid" ] || kill "$issuer_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
TOKEN=""
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
ticks=$(getconf CLK_TCK)

# CPU time (user+sys, all threads) of process $1 so far, in ms.
cpu_ms() { awk -v t="$ticks" '{print int(($14 + $15) * 1000 / t)}' "/proc/$1/stat"; }

# One start of jar $1; appends "phase ms" lines to $work/all$2 and prints them as one line.
one_run() {
  local jar=$1 index=$2 out="$work/out" cache start token status result first request_ms cpu
  cache=$(ls "$(dirname "$jar")"/weather-agent-*.aot 2>/dev/null | head -n 1 || true)
  local opts=(-Dmastra4j.startup.trace=true -Xlog:aot*=off,cds*=off)
  if [ "${AOT:-1}" = 1 ] && [ -n "$cache" ]; then opts+=(-XX:AOTCache="$cache"); fi
  # shellcheck disable=SC2206
  opts+=(${JAVA_OPTS:-})
  : >"$out"
  start=$(now_ms)
  PORT=$port "$JAVA_HOME/bin/java" "${opts[@]}" -jar "$jar" >"$out" 2>&1 &
  pid=$!
  token=$TOKEN
  status=000
  local delayed="" cpu_before=""
  while [ $(( $(now_ms) - start )) -lt 60000 ]; do
    if [ -z "$token" ]; then
      token=$(sed -n 's/.*Authorization: Bearer \([^"]*\)".*/\1/p' "$out" | head -n 1)
      [ -n "$token" ] || { sleep 0.005; continue; }
    fi
    if [ -n "${DELAY:-}" ] && [ -z "$delayed" ]; then
      sleep "$(awk -v d="$DELAY" 'BEGIN { print d / 1000 }')"
      delayed=1
      cpu_before=$(cpu_ms "$pid")
    fi
    result=$(curl -s -o /dev/null -w '%{http_code} %{time_total}' -X POST \
      "http://127.0.0.1:$port/api/agents/weatherAgent/generate" -H "Authorization: Bearer $token" \
      -H "Content-Type: application/json" -d '{"messages": "Weather in London"}' 2>/dev/null || true)
    status=${result%% *}
    [ "$status" = 200 ] && break
    sleep 0.005
  done
  first=$(( $(now_ms) - start ))
  request_ms=$(awk -v s="${result#* }" 'BEGIN { print int(s * 1000) }')
  cpu=$(cpu_ms "$pid")
  kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  pid=""
  [ "$status" = 200 ] || { echo "$jar: no 200 (last status $status)"; cat "$out"; exit 1; }
  sed -n 's/^startup-trace \([a-z-]*\) \([0-9]*\)$/\1 \2/p' "$out" | while read -r phase at; do
    echo "$phase $(( at - start ))"
  done >"$work/this"
  { echo "first-200 $first"; echo "cpu-at-first-200 $cpu"; echo "first-request-ms $request_ms"; } >>"$work/this"
  if [ -n "$cpu_before" ]; then echo "first-request-cpu-ms $(( cpu - cpu_before ))" >>"$work/this"; fi
  cat "$work/this" >>"$work/all$index"
  echo "  $(awk '{printf "%s=%s ", $1, $2}' "$work/this")"
}

for i in $(seq "$runs"); do
  for j in "${!jars[@]}"; do
    echo "run $i, ${jars[$j]}:"
    one_run "${jars[$j]}" "$j"
  done
done
for j in "${!jars[@]}"; do
  echo "${jars[$j]}: median of $runs runs (ms after exec; mode $mode; JAVA_OPTS '${JAVA_OPTS:-}'; cache ${AOT:-1}; delay ${DELAY:-0}):"
  awk '{ if (!($1 in seen)) { seen[$1] = 1; order[++n] = $1 } v[$1] = v[$1] " " $2 }
    END { for (k = 1; k <= n; k++) { p = order[k]; print p, v[p] } }' "$work/all$j" | while read -r phase values; do
    # shellcheck disable=SC2086
    median=$(printf '%s\n' $values | sort -n | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}')
    printf '  %-18s %6s\n' "$phase" "$median"
  done
done
