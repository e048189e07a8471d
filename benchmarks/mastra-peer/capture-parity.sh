#!/usr/bin/env bash
# Captures the Mastra 1.71 answers that mastra-server's parity tests compare against: /api/auth/me and
# /api/auth/capabilities (auth off; Clerk signed out, signed in, bad token; NODE_ENV production and development),
# tool execute with input that fails the zod schema, and custom routes from registerApiRoute (public, protected,
# JSON body, throwing handler). Loopback only: a LocalClerkIssuer (IssuerMain) and capture-parity.mjs.
#
# Writes one JSON file per request into OUT (default mastra-server/src/test/resources/fixtures/mastra-1.71-parity):
# {"request": {method, path, auth, body?}, "status", "headers": {content-type, www-authenticate?}, "body"}.
# Needs benchmarks/target/benchmarks.jar (./mvnw -pl benchmarks -am package -DskipTests), curl and jq.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
out="${OUT:-$root/mastra-server/src/test/resources/fixtures/mastra-1.71-parity}"
. "$here/capture-common.sh"
mkdir -p "$out"

"$JAVA_HOME/bin/java" -cp "$jar" dev.mastra4j.benchmarks.IssuerMain >"$work/issuer.log" 2>&1 & pids+=($!)
wait_for "$work/issuer.log" '^READY'
PUBLISHABLE_KEY=$(sed -n 's/^PUBLISHABLE_KEY //p' "$work/issuer.log")
SECRET_KEY=$(sed -n 's/^SECRET_KEY //p' "$work/issuer.log")
JWKS_URI=$(sed -n 's/^JWKS_URI //p' "$work/issuer.log")
TOKEN=$(sed -n 's/^TOKEN //p' "$work/issuer.log")
# Same header and claims, signature of another token's length: fails verification.
BAD_TOKEN="${TOKEN%.*}.$(printf 'A%.0s' $(seq 342))"

# start_peer NODE_ENV clerk|none : sets PORT
start_peer() {
  PORT=$(free_port)
  local envs=(PORT="$PORT" NODE_ENV="$1")
  [ "$2" = clerk ] && envs+=(CLERK_JWKS_URI="$JWKS_URI" CLERK_PUBLISHABLE_KEY="$PUBLISHABLE_KEY" CLERK_SECRET_KEY="$SECRET_KEY")
  env -u CLERK_JWKS_URI -u CLERK_PUBLISHABLE_KEY -u CLERK_SECRET_KEY "${envs[@]}" "$node" capture-parity.mjs >"$work/peer.log" 2>&1 &
  PEER_PID=$!; pids+=("$PEER_PID")
  wait_for "$work/peer.log" '^READY'
}
stop_peer() { kill "$PEER_PID"; wait "$PEER_PID" 2>/dev/null || true; }

# capture NAME AUTH(none|valid|invalid) METHOD PATH [BODY [CONTENT_TYPE]]
capture() {
  local name=$1 auth=$2 method=$3 path=$4 body=${5-} type=${6:-application/json}
  local args=(-s -X "$method" -D "$work/h" -o "$work/b")
  case $auth in valid) args+=(-H "Authorization: Bearer $TOKEN") ;; invalid) args+=(-H "Authorization: Bearer $BAD_TOKEN") ;; esac
  [ -n "$body" ] && args+=(-H "Content-Type: $type" --data-binary "$body")
  curl "${args[@]}" "http://127.0.0.1:$PORT$path"
  local status ctype www
  status=$(head -1 "$work/h" | awk '{print $2}')
  ctype=$(grep -i '^content-type:' "$work/h" | head -1 | cut -d' ' -f2- | tr -d '\r' || true)
  www=$(grep -i '^www-authenticate:' "$work/h" | head -1 | cut -d' ' -f2- | tr -d '\r' || true)
  local parsed
  if [[ $ctype == application/json* ]] && parsed=$(jq -c . "$work/b" 2>/dev/null) && [ -n "$parsed" ]; then :; else parsed=$(jq -Rs . "$work/b"); fi
  jq -n --arg method "$method" --arg path "$path" --arg auth "$auth" --arg body "$body" --argjson status "$status" \
     --arg ctype "$ctype" --arg www "$www" --argjson parsed "$parsed" --arg env "$NODE_ENV_NOW" '
    {request: ({method: $method, path: $path, auth: $auth, nodeEnv: $env} + (if $body == "" then {} else {body: $body} end)),
     status: $status,
     headers: ({"content-type": $ctype} + (if $www == "" then {} else {"www-authenticate": $www} end)),
     body: $parsed}' >"$out/$name.json"
  echo "$name: $status"
}

NODE_ENV_NOW=production; start_peer production none
sed -n 's/^RESERVED //p' "$work/peer.log" | jq -Rs '{registerApiRoute: "/api/custom", initError: rtrimstr("\n")}' >"$out/custom-route-reserved-prefix.json"
capture auth-me-auth-off none GET /api/auth/me
capture auth-capabilities-auth-off none GET /api/auth/capabilities
capture tool-execute-wrong-type none POST /api/tools/weatherTool/execute '{"data":{"location":42}}'
capture tool-execute-missing-field none POST /api/tools/weatherTool/execute '{"data":{}}'
capture tool-execute-nested none POST /api/tools/calculatorTool/execute '{"data":{"a":"1","options":{"precision":-1}}}'
capture tool-execute-no-data none POST /api/tools/weatherTool/execute '{}'
capture tool-execute-not-json none POST /api/tools/weatherTool/execute 'not json'
capture tool-execute-valid none POST /api/tools/weatherTool/execute '{"data":{"location":"London"}}'
capture agent-tool-execute-wrong-type none POST /api/agents/weatherAgent/tools/weatherTool/execute '{"data":{"location":42}}'
capture agent-tool-execute-missing-field none POST /api/agents/weatherAgent/tools/weatherTool/execute '{"data":{}}'
capture custom-public-auth-off none GET /custom/public
capture custom-protected-auth-off none GET /custom/whoami
capture custom-items-auth-off none POST '/custom/items/42?q=x' '{"name":"thing"}'
capture custom-items-bad-json none POST /custom/items/42 '{"name":'
capture custom-boom none GET /custom/boom
capture custom-wrong-method none DELETE /custom/public
stop_peer

NODE_ENV_NOW=production; start_peer production clerk
capture auth-me-signed-out none GET /api/auth/me
capture auth-me-signed-in valid GET /api/auth/me
capture auth-me-invalid-token invalid GET /api/auth/me
capture auth-capabilities-signed-out-production none GET /api/auth/capabilities
capture auth-capabilities-signed-in-production valid GET /api/auth/capabilities
capture custom-public-signed-out none GET /custom/public
capture custom-public-signed-in valid GET /custom/public
capture custom-protected-signed-out none GET /custom/whoami
capture custom-protected-invalid-token invalid GET /custom/whoami
capture custom-protected-signed-in valid GET /custom/whoami
capture custom-items-signed-in valid POST '/custom/items/42?q=x' '{"name":"thing"}'
capture tool-execute-wrong-type-signed-in valid POST /api/tools/weatherTool/execute '{"data":{"location":42}}'
stop_peer

NODE_ENV_NOW=development; start_peer development clerk
capture auth-capabilities-signed-out-development none GET /api/auth/capabilities
capture auth-capabilities-signed-in-development valid GET /api/auth/capabilities
capture auth-capabilities-invalid-token-development invalid GET /api/auth/capabilities
stop_peer
echo "fixtures in $out"
