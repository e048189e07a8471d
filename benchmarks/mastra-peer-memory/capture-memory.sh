#!/usr/bin/env bash
# Captures the Mastra 1.71 memory answers that mastra-server's memory tests compare against: every /api/memory route
# and generate/stream with memory, as two Clerk users (user_alice, user_bob) of one loopback LocalClerkIssuer
# (MemoryIssuer.java), against server-memory.mjs on a fresh LibSQL file; then the file's schema and rows.
#
# Writes into OUT (default mastra-server/src/test/resources/fixtures/mastra-1.71-memory):
#   <case>.json             one per request (capture-memory.mjs SUITE=full; auth on, mapUserToResourceId = sub)
#   no-mapping/<case>.json  the same peer without mapUserToResourceId (Mastra's default; SUITE=no-mapping)
#   libsql-schema.sql, libsql-rows.json   the LibSQL file after the full suite (dump-libsql.mjs)
# Needs benchmarks/target/benchmarks.jar (./mvnw -pl benchmarks -am package -DskipTests) and python3; takes ~1 min.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
out="${OUT:-$root/mastra-server/src/test/resources/fixtures/mastra-1.71-memory}"
. "$here/../mastra-peer/capture-common.sh"
mkdir -p "$out/no-mapping"

"$JAVA_HOME/bin/java" -cp "$jar" "$here/MemoryIssuer.java" >"$work/issuer.log" 2>&1 & pids+=($!)
wait_for "$work/issuer.log" '^READY'
export CLERK_PUBLISHABLE_KEY=$(sed -n 's/^PUBLISHABLE_KEY //p' "$work/issuer.log")
export CLERK_SECRET_KEY=$(sed -n 's/^SECRET_KEY //p' "$work/issuer.log")
export CLERK_JWKS_URI=$(sed -n 's/^JWKS_URI //p' "$work/issuer.log")
export TOKEN_A=$(sed -n 's/^TOKEN_A //p' "$work/issuer.log")
export TOKEN_B=$(sed -n 's/^TOKEN_B //p' "$work/issuer.log")

# start_peer MAP_RESOURCE STORAGE_URL : sets PORT and PEER_PID
start_peer() {
  PORT=$(free_port)
  PORT="$PORT" MAP_RESOURCE="$1" STORAGE_URL="$2" NODE_ENV=production "$node" server-memory.mjs >"$work/peer.log" 2>&1 &
  PEER_PID=$!; pids+=("$PEER_PID")
  wait_for "$work/peer.log" '^READY'
}
stop_peer() { kill "$PEER_PID"; wait "$PEER_PID" 2>/dev/null || true; }

start_peer sub "file:$work/mastra.db"
BASE="http://127.0.0.1:$PORT" OUT="$out" SUITE=full "$node" capture-memory.mjs
stop_peer
"$node" dump-libsql.mjs "file:$work/mastra.db" "$out/libsql-schema.sql" "$out/libsql-rows.json"

start_peer none "file:$work/mastra-no-mapping.db"
grep -i 'mapUserToResourceId' "$work/peer.log" | head -1 | jq -Rs '{peerLogWarning: rtrimstr("\n")}' >"$out/no-mapping/startup-warning.json" || true
BASE="http://127.0.0.1:$PORT" OUT="$out/no-mapping" SUITE=no-mapping "$node" capture-memory.mjs
stop_peer
echo "fixtures in $out"
