# Shared helpers for the load scripts. Server on CPU 0, load generator on CPU 1, loopback only.
set -euo pipefail
BENCH_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
. "$BENCH_ROOT/scripts/jdk.sh"
JAR="$BENCH_ROOT/benchmarks/target/benchmarks.jar"
SERVER_CPU=${SERVER_CPU:-0}
LOAD_CPU=${LOAD_CPU:-1}
CONNECTIONS=${CONNECTIONS:-50}
DURATION=${DURATION:-10s}
WARMUP=${WARMUP:-3s}
REPS=${REPS:-3}
WORK="$(mktemp -d)"
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$WORK"; }
trap cleanup EXIT

need() { command -v "$1" >/dev/null || { echo "missing $1 (apt-get install $2)" >&2; exit 1; }; }
need wrk wrk
need taskset util-linux

build_jar() {
  [ -f "$JAR" ] && [ -z "${REBUILD:-}" ] && return 0
  (cd "$BENCH_ROOT" && ./mvnw -B -q -ntp -pl benchmarks -am package -DskipTests)
}

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

# start_server NAME PORT ARGS... : starts BenchServer pinned to SERVER_CPU, waits for READY, sets ${NAME}_PID / _TOKEN.
start_server() {
  local name=$1 port=$2; shift 2
  local log="$WORK/$name.log"
  taskset -c "$SERVER_CPU" "$JAVA_HOME/bin/java" ${JAVA_OPTS:-} -cp "$JAR" dev.mastra4j.benchmarks.BenchServer --port "$port" "$@" >"$log" 2>&1 &
  local pid=$!
  PIDS+=("$pid")
  for _ in $(seq 300); do grep -q '^READY' "$log" && break; sleep 0.05; done
  grep -q '^READY' "$log" || { echo "server $name did not start:" >&2; cat "$log" >&2; exit 1; }
  printf -v "${name}_PID" '%s' "$pid"
  printf -v "${name}_TOKEN" '%s' "$(sed -n 's/^TOKEN //p' "$log")"
}

stop_server() { kill "$1" 2>/dev/null || true; wait "$1" 2>/dev/null || true; }

rss_mib() { awk '/VmRSS/ {printf "%.0f", $2/1024}' "/proc/$1/status"; }

# run_wrk URL [wrk args...] -> prints "reqs_per_s p50_ms p99_ms non2xx"
run_wrk() {
  local url=$1; shift
  taskset -c "$LOAD_CPU" wrk -t1 -c"$CONNECTIONS" -d"$WARMUP" "$@" "$url" >/dev/null 2>&1 || true
  taskset -c "$LOAD_CPU" wrk -t1 -c"$CONNECTIONS" -d"$DURATION" --latency "$@" "$url" >"$WORK/wrk.out" 2>&1
  awk '
    /Requests\/sec/ {rps=$2}
    /^ +50%/ {p50=$2}
    /^ +99%/ {p99=$2}
    /Non-2xx/ {bad=$NF}
    function ms(v) { if (v ~ /us$/) return v/1000; if (v ~ /ms$/) return v+0; if (v ~ /s$/) return v*1000; return v }
    END { printf "%.0f %.2f %.2f %d\n", rps, ms(p50), ms(p99), bad+0 }' "$WORK/wrk.out"
}

# median of REPS runs of run_wrk: prints the run whose req/s is the median
median_wrk() {
  local runs=()
  for _ in $(seq "$REPS"); do runs+=("$(run_wrk "$@")"); done
  printf '%s\n' "${runs[@]}" | sort -n -k1,1 | sed -n "$(( (REPS + 1) / 2 ))p"
}

# write_section NAME: replaces a block of BENCHMARKS.md with stdin
. "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/../sections.sh"

machine_line() {
  echo "Machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')), $(free -g | awk '/Mem:/ {print $2}') GiB; JDK $("$JAVA_HOME/bin/java" -version 2>&1 | head -1); $(wrk --version 2>&1 | head -1 | cut -d' ' -f1-2); server pinned to CPU $SERVER_CPU, wrk to CPU $LOAD_CPU; $CONNECTIONS connections; ${DURATION} after ${WARMUP} warm-up; median of $REPS runs; $(date -u +%Y-%m-%d)."
}
