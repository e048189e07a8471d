#!/usr/bin/env bash
# Issue 5, cost growth, mastra4j and the Mastra 1.71 peer side by side: authenticated GET /api/agents as connections go
# 10 → 100 → 1,000; verification cost as the JWKS grows 1 → 10 → 100 keys; first-request latency after a cold start.
# Rewrites the "peer-growth" section of BENCHMARKS.md.
. "$(dirname "$0")/peer-lib.sh"

GROWTH_REPS=${GROWTH_REPS:-$REPS}
CONNECTION_STEPS=${CONNECTION_STEPS:-10 100 1000}
KEY_STEPS=${KEY_STEPS:-1 10 100}
COLD_STARTS=${COLD_STARTS:-3}
# wrk's default 2 s timeout would turn the peer's slowest answers at 1,000 connections into errors and hide them from p99.
WRK_TIMEOUT=${WRK_TIMEOUT:-10s}
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"

build_jar
install_peer

agents=/api/agents
get_auth=(-s "$LOAD_LUA/get-auth.lua" --timeout "$WRK_TIMEOUT")
cell() { echo "$1 req/s, p50 $2 ms, p99 $3 ms$( [ "$4$5" = 00 ] || echo ", errors $4/$5")"; }

# ---- connections ------------------------------------------------------------------------------------------------
start_issuer 0
conn_rows=()
p_o=$(free_port); start_ours OGROW "$p_o" clerk
p_p=$(free_port); start_peer PGROW "$p_p" clerk
for c in $CONNECTION_STEPS; do
  { read -r o_rps o_p50 o_p99 o_bad o_sock _ _
    read -r p_rps p_p50 p_p99 p_bad p_sock _ _
  } < <(wrk_alternate "$GROWTH_REPS" "$c" "http://127.0.0.1:$p_o$agents" "http://127.0.0.1:$p_p$agents" "${get_auth[@]}")
  conn_rows+=("| $c | $(cell "$o_rps" "$o_p50" "$o_p99" "$o_bad" "$o_sock") | $(cell "$p_rps" "$p_p50" "$p_p99" "$p_bad" "$p_sock") | $(ratio "$o_rps" "$p_rps")× |")
done
stop_server "$OGROW_PID"; stop_server "$PGROW_PID"

# ---- cold start: process start to first answer, then the first authenticated request ----------------------------
# cold_once SIDE -> "start_ms first_ms second_ms first_status second_status jwks_fetches"
cold_once() {
  local side=$1 port t0 t1 first second fetches pid
  port=$(free_port)
  jwks_reset
  t0=$(date +%s%N)
  if [ "$side" = ours ]; then
    taskset -c "$SERVER_CPU" "$JAVA_HOME/bin/java" -cp "$JAR" dev.mastra4j.benchmarks.BenchServer --port "$port" --auth clerk \
      --jwks-uri "$JWKS_URI" --publishable-key "$PUBLISHABLE_KEY" --secret-key "$SECRET_KEY" >"$WORK/cold.log" 2>&1 &
  else
    (cd "$PEER_DIR" && exec env PORT="$port" NODE_ENV=production CLERK_JWKS_URI="$JWKS_URI" CLERK_PUBLISHABLE_KEY="$PUBLISHABLE_KEY" \
      CLERK_SECRET_KEY="$SECRET_KEY" taskset -c "$SERVER_CPU" "$NODE" server.mjs) >"$WORK/cold.log" 2>&1 &
  fi
  pid=$!; PIDS+=("$pid")
  until [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/api")" != "000" ]; do sleep 0.005; done
  t1=$(date +%s%N)
  first=$(curl -s -o /dev/null -w '%{http_code} %{time_total}' -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$port$agents")
  second=$(curl -s -o /dev/null -w '%{http_code} %{time_total}' -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$port$agents")
  fetches=$(jwks_count)
  stop_server "$pid"
  awk -v t0="$t0" -v t1="$t1" -v f="$first" -v s="$second" -v j="$fetches" 'BEGIN {
    split(f, a, " "); split(s, b, " ");
    printf "%.0f %.1f %.1f %s %s %d\n", (t1 - t0) / 1e6, a[2] * 1000, b[2] * 1000, a[1], b[1], j }'
}
declare -A COLD RUNS
for _ in $(seq "$COLD_STARTS"); do
  for side in ours peer; do RUNS[$side]+="$(cold_once "$side")"$'\n'; done
done
for side in ours peer; do
  runs=$(printf '%s' "${RUNS[$side]}")
  # Median of each column on its own: start time and first-request latency vary independently.
  col() { echo "$runs" | awk -v c="$1" '{print $c}' | sort -n | sed -n "$(( (COLD_STARTS + 1) / 2 ))p"; }
  statuses=$(echo "$runs" | awk '{print $4 "/" $5}' | sort | uniq -c | awk '{printf "%s%s×%s", sep, $1, $2; sep=", "}')
  COLD[$side]="$(col 1) $(col 2) $(col 3) $(col 6) $statuses"
done
stop_issuer

# ---- JWKS size ---------------------------------------------------------------------------------------------------
# Ours with the verified-token cache off (--token-cache 0): every request checks the RS256 signature, which is the
# cost a growing key set could change. With the cache on (the default, first table) a repeated token skips it.
key_rows=()
for k in $KEY_STEPS; do
  start_issuer $(( k - 1 ))
  p_o=$(free_port); start_ours OKEYS "$p_o" clerk --token-cache 0
  p_p=$(free_port); start_peer PKEYS "$p_p" clerk
  { read -r o_rps o_p50 o_p99 o_bad o_sock o_reqs o_fetch
    read -r p_rps p_p50 p_p99 p_bad p_sock p_reqs p_fetch
  } < <(wrk_alternate "$GROWTH_REPS" "$CONNECTIONS" "http://127.0.0.1:$p_o$agents" "http://127.0.0.1:$p_p$agents" "${get_auth[@]}")
  stop_server "$OKEYS_PID"; stop_server "$PKEYS_PID"
  stop_issuer
  key_rows+=("| $JWKS_KEYS | $(cell "$o_rps" "$o_p50" "$o_p99" "$o_bad" "$o_sock"); JWKS fetches/request $(per_request "$o_fetch" "$o_reqs") | $(cell "$p_rps" "$p_p50" "$p_p99" "$p_bad" "$p_sock"); JWKS fetches/request $(per_request "$p_fetch" "$p_reqs") | $(ratio "$o_rps" "$p_rps")× |")
done

read -r oc_start oc_first oc_second oc_fetch oc_status <<<"${COLD[ours]}"
read -r pc_start pc_first pc_second pc_fetch pc_status <<<"${COLD[peer]}"

write_section peer-growth <<MD
## Cost growth, side by side with Mastra 1.71 (issue 5)

Command: \`bash benchmarks/peer/growth.sh\` (part of \`bash benchmarks/run-all.sh\`)

$(machine_line | sed "s/median of $REPS runs/median of $GROWTH_REPS runs/; s/$CONNECTIONS connections/connections as listed/")
Same servers, issuer and pinning as the side-by-side table (both sides up, repetitions alternating); authenticated
\`GET /api/agents\`; wrk timeout ${WRK_TIMEOUT} (errors are non-2xx/socket errors).

### Connections

| connections | mastra4j | Mastra 1.71 | req/s ratio |
| --- | --- | --- | --- |
$(printf '%s\n' "${conn_rows[@]}")

### JWKS size (verification cost)

Ours runs with the verified-token cache off (\`BenchServer --token-cache 0\`), so every request verifies the RS256
signature; the peer has no cache. $CONNECTIONS connections. Keys = signing key + unrelated keys
(\`LocalClerkIssuer.publishExtraKeys\`).

| keys in the JWKS | mastra4j (no token cache) | Mastra 1.71 | req/s ratio |
| --- | --- | --- | --- |
$(printf '%s\n' "${key_rows[@]}")

### Cold start (median of $COLD_STARTS)

Time from launching the process until it answers HTTP, then one authenticated \`GET /api/agents\` (the first one fetches
the JWKS and runs cold code), then a second one. Measured with curl from the shell.

| | mastra4j | Mastra 1.71 |
| --- | --- | --- |
| launch to first HTTP answer | ${oc_start} ms | ${pc_start} ms |
| first authenticated request | ${oc_first} ms | ${pc_first} ms |
| second authenticated request | ${oc_second} ms | ${pc_second} ms |
| JWKS fetches for the two requests | ${oc_fetch} | ${pc_fetch} |
| statuses (first/second) | ${oc_status} | ${pc_status} |
MD
sed -n '/<!-- peer-growth:start -->/,/<!-- peer-growth:end -->/p' "$BENCH_ROOT/BENCHMARKS.md"
