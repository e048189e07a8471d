#!/usr/bin/env bash
# Compares two builds of the benchmark server side by side in one run: authenticated GET /api/agents and the
# authenticated generate call (offline model + tool loop), each build measured in turn on the same pinned CPU,
# REPS alternations, medians. Used to show that a refactoring left throughput and latency unchanged.
# Usage: BEFORE_JAR=/path/to/old/benchmarks.jar bash benchmarks/load/before-after.sh
#   (build the old jar in a worktree of the old commit: ./mvnw -o -q -pl benchmarks -am package -DskipTests)
# Prints a Markdown table; writes nothing.
. "$(dirname "$0")/lib.sh"
: "${BEFORE_JAR:?set BEFORE_JAR to the benchmarks.jar of the commit to compare with}"
build_jar
AFTER_JAR="$JAR"
here="$(dirname "$0")"

declare -A runs
for rep in $(seq "$REPS"); do
  for build in before after; do
    if [ "$build" = before ]; then JAR="$BEFORE_JAR"; else JAR="$AFTER_JAR"; fi
    port=$(free_port)
    start_server S "$port" --auth clerk
    export TOKEN="$S_TOKEN"
    runs[$build-get]+="$(run_wrk "http://127.0.0.1:$port/api/agents" -s "$here/get-auth.lua")"$'\n'
    runs[$build-gen]+="$(run_wrk "http://127.0.0.1:$port/api/agents/weatherAgent/generate" -s "$here/post-generate.lua")"$'\n'
    stop_server "$S_PID"
  done
done
JAR="$AFTER_JAR"

median_of() { printf '%s' "$1" | sed '/^$/d' | sort -n -k1,1 | sed -n "$(( (REPS + 1) / 2 ))p"; }
row() {
  local label=$1 key=$2 b a
  read -r b_rps b_p50 b_p99 b_bad <<<"$(median_of "${runs[before-$key]}")"
  read -r a_rps a_p50 a_p99 a_bad <<<"$(median_of "${runs[after-$key]}")"
  printf '| %s | %s req/s, p50 %s ms, p99 %s ms | %s req/s, p50 %s ms, p99 %s ms | %s | %s/%s |\n' \
    "$label" "$b_rps" "$b_p50" "$b_p99" "$a_rps" "$a_p50" "$a_p99" \
    "$(awk -v a="$a_rps" -v b="$b_rps" 'BEGIN { printf "%.2f", a / b }')" "$b_bad" "$a_bad"
}
machine_line
echo "Load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)."
echo
echo "| measure | before | after | after / before req/s | non-2xx before/after |"
echo "| --- | --- | --- | --- | --- |"
row "\`GET /api/agents\`, Clerk auth" get
row "\`POST …/weatherAgent/generate\`, Clerk auth" gen
echo
echo "All runs (req/s p50 p99 non-2xx), before:"; printf '%s' "${runs[before-get]}${runs[before-gen]}"
echo "after:"; printf '%s' "${runs[after-get]}${runs[after-gen]}"
