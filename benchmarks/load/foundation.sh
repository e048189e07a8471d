#!/usr/bin/env bash
# Issue 2 and 3 figures: start-to-first-200, GET /api/agents (open and authenticated), generate (offline model),
# all measured in this one run. Rewrites the "foundation" section of BENCHMARKS.md.
. "$(dirname "$0")/lib.sh"
build_jar

# Start to first 200: launch the JVM, poll /health every 5 ms. Median of 3, plain and with an AppCDS archive
# (-XX:+AutoCreateSharedArchive, JDK 19+: the first run writes it, later runs map the classes in).
start_once() {
  local port t0 t1 pid
  port=$(free_port)
  t0=$(date +%s%N)
  taskset -c "$SERVER_CPU" "$JAVA_HOME/bin/java" "$@" -cp "$JAR" dev.mastra4j.benchmarks.BenchServer --port "$port" --auth none >"$WORK/start.log" 2>&1 &
  pid=$!; PIDS+=("$pid")
  until curl -fs -o /dev/null "http://127.0.0.1:$port/health"; do sleep 0.005; done
  t1=$(date +%s%N)
  stop_server "$pid"
  echo $(( (t1 - t0) / 1000000 ))
}
median3() { printf '%s\n' "$@" | sort -n | sed -n 2p; }
start_ms=$(median3 "$(start_once)" "$(start_once)" "$(start_once)")
CDS=(-XX:+AutoCreateSharedArchive -XX:SharedArchiveFile="$WORK/bench.jsa")
start_once "${CDS[@]}" >/dev/null; sleep 1
start_cds_ms=$(median3 "$(start_once "${CDS[@]}")" "$(start_once "${CDS[@]}")" "$(start_once "${CDS[@]}")")

port_open=$(free_port); port_auth=$(free_port)
start_server OPEN "$port_open" --auth none
start_server AUTH "$port_auth" --auth clerk
export TOKEN="$AUTH_TOKEN"

# Open and authenticated runs alternate, so that each pair sees the same background load; the ratio is the median of
# the per-pair ratios (a ratio of medians taken minutes apart moved by 0.1 or more on a 2-core VM).
open_runs=(); auth_runs=()
for _ in $(seq "$REPS"); do
  open_runs+=("$(TOKEN= run_wrk "http://127.0.0.1:$port_open/api/agents")")
  auth_runs+=("$(run_wrk "http://127.0.0.1:$port_auth/api/agents" -s "$(dirname "$0")/get-auth.lua")")
done
median_run() { printf '%s\n' "$@" | sort -n -k1,1 | sed -n "$(( ($# + 1) / 2 ))p"; }
read -r open_rps open_p50 open_p99 open_bad < <(median_run "${open_runs[@]}")
read -r auth_rps auth_p50 auth_p99 auth_bad < <(median_run "${auth_runs[@]}")
ratio=$(for i in "${!open_runs[@]}"; do
  awk -v a="${auth_runs[$i]%% *}" -v o="${open_runs[$i]%% *}" 'BEGIN { printf "%.2f\n", a / o }'
done | sort -n | sed -n "$(( (REPS + 1) / 2 ))p")
read -r gen_rps gen_p50 gen_p99 gen_bad < <(median_wrk "http://127.0.0.1:$port_auth/api/agents/weatherAgent/generate" -s "$(dirname "$0")/post-generate.lua")
rss=$(rss_mib "$AUTH_PID")

write_section foundation <<MD
## Foundation: one server, offline model (issues 2 and 3)

Command: \`bash benchmarks/load/foundation.sh\`

$(machine_line)

| measure | result | target |
| --- | --- | --- |
| server start to first 200 (median of 3 cold starts) | ${start_ms} ms | < 1000 ms |
| the same with an AppCDS archive (\`-XX:+AutoCreateSharedArchive\`, as \`run-weather-agent.sh\` uses) | ${start_cds_ms} ms | < 1000 ms |
| \`GET /api/agents\`, no auth | ${open_rps} req/s, p50 ${open_p50} ms, p99 ${open_p99} ms, non-2xx ${open_bad} | ≥ 20,000 req/s |
| \`GET /api/agents\`, Clerk auth (same token) | ${auth_rps} req/s, p50 ${auth_p50} ms, p99 ${auth_p99} ms, non-2xx ${auth_bad} | ≥ 0.90 × no auth |
| authenticated / unauthenticated throughput (median of the ${REPS} alternating pairs) | ${ratio} | ≥ 0.90 |
| \`POST …/weatherAgent/generate\`, offline model + tool loop, Clerk auth | ${gen_rps} req/s, p50 ${gen_p50} ms, p99 ${gen_p99} ms, non-2xx ${gen_bad} | |
| RSS of the authenticated server after the runs | ${rss} MiB | |
MD
cat "$BENCH_ROOT/BENCHMARKS.md"
