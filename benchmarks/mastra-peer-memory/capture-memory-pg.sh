#!/usr/bin/env bash
# Captures the PostgreSQL layout that @mastra/pg 1.27.1 (with @mastra/memory 1.31.0, @mastra/core 1.71.0) creates:
# starts a throwaway cluster of Debian's PostgreSQL (PG_BIN, default /usr/lib/postgresql/<newest>/bin) under a temp
# directory on a loopback port, points server-memory.mjs at it (STORAGE_URL=postgresql://...), runs a few
# generate-with-memory calls as two users (capture-memory.mjs SUITE=pg) and dumps the database.
#
# Writes into OUT (default mastra-server/src/test/resources/fixtures/mastra-1.71-memory):
#   pg/<case>.json   the requests of SUITE=pg
#   pg-schema.sql    pg_dump --schema-only --no-owner --no-privileges of the database
#   pg-rows.json     the rows of mastra_threads, mastra_messages, mastra_resources (and every other non-empty
#                    mastra_* table), as row_to_json
# initdb refuses to run as root; as root, the cluster runs as the `postgres` user (runuser).
# Needs benchmarks/target/benchmarks.jar, python3 and jq.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
out="${OUT:-$root/mastra-server/src/test/resources/fixtures/mastra-1.71-memory}"
pg_bin="${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)}"
[ -x "$pg_bin/initdb" ] || { echo "no PostgreSQL binaries (set PG_BIN or install Debian's postgresql)" >&2; exit 1; }
. "$here/../mastra-peer/capture-common.sh"
mkdir -p "$out/pg"
chmod 755 "$work"
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  [ -f "$work/pgdata/postmaster.pid" ] && as_pg "$pg_bin/pg_ctl" -D "$work/pgdata" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$work"
}

pg_port=$(free_port)
mkdir -p "$work/pgdata" "$work/sock"
[ "$(id -u)" = 0 ] && chown postgres "$work/pgdata" "$work/sock"
printf 'mastra\n' >"$work/pwfile"; chmod 644 "$work/pwfile"
as_pg "$pg_bin/initdb" -D "$work/pgdata" -U mastra --pwfile="$work/pwfile" -A scram-sha-256 -E UTF8 --locale=C.UTF-8 >"$work/initdb.log"
as_pg "$pg_bin/pg_ctl" -D "$work/pgdata" -l "$work/pgdata/server.log" -w \
  -o "-c listen_addresses=127.0.0.1 -p $pg_port -c unix_socket_directories=$work/sock -c fsync=off" start >/dev/null
export PGPASSWORD=mastra
"$pg_bin/createdb" -h 127.0.0.1 -p "$pg_port" -U mastra mastra
url="postgresql://mastra:mastra@127.0.0.1:$pg_port/mastra"
"$pg_bin/psql" -h 127.0.0.1 -p "$pg_port" -U mastra -At -c 'select version()' mastra

"$JAVA_HOME/bin/java" -cp "$jar" "$here/MemoryIssuer.java" >"$work/issuer.log" 2>&1 & pids+=($!)
wait_for "$work/issuer.log" '^READY'
export CLERK_PUBLISHABLE_KEY=$(sed -n 's/^PUBLISHABLE_KEY //p' "$work/issuer.log")
export CLERK_SECRET_KEY=$(sed -n 's/^SECRET_KEY //p' "$work/issuer.log")
export CLERK_JWKS_URI=$(sed -n 's/^JWKS_URI //p' "$work/issuer.log")
export TOKEN_A=$(sed -n 's/^TOKEN_A //p' "$work/issuer.log")
export TOKEN_B=$(sed -n 's/^TOKEN_B //p' "$work/issuer.log")

PORT=$(free_port)
PORT="$PORT" MAP_RESOURCE=sub STORAGE_URL="$url" NODE_ENV=production "$node" server-memory.mjs >"$work/peer.log" 2>&1 &
pids+=($!)
wait_for "$work/peer.log" '^READY'
BASE="http://127.0.0.1:$PORT" OUT="$out/pg" SUITE=pg "$node" capture-memory.mjs

{
  echo "-- Schema created by @mastra/pg 1.27.1 (@mastra/memory 1.31.0, @mastra/core 1.71.0) on"
  echo "-- $("$pg_bin/psql" -h 127.0.0.1 -p "$pg_port" -U mastra -At -c 'select version()' mastra)"
  echo "-- pg_dump --schema-only --no-owner --no-privileges, written by benchmarks/mastra-peer-memory/capture-memory-pg.sh"
  "$pg_bin/pg_dump" -h 127.0.0.1 -p "$pg_port" -U mastra --schema-only --no-owner --no-privileges mastra \
    | sed -e '/^-- Dumped from database version/d' -e '/^-- Dumped by pg_dump version/d'
} >"$out/pg-schema.sql"

tables=$("$pg_bin/psql" -h 127.0.0.1 -p "$pg_port" -U mastra -At -c \
  "select table_schema || '.' || table_name from information_schema.tables where table_name like 'mastra\_%' and table_type = 'BASE TABLE' order by 1" mastra)
{
  echo '{'
  first=1
  for t in $tables; do
    count=$("$pg_bin/psql" -h 127.0.0.1 -p "$pg_port" -U mastra -At -c "select count(*) from $t" mastra)
    if [ "$count" -gt 0 ]; then
      rows=$("$pg_bin/psql" -h 127.0.0.1 -p "$pg_port" -U mastra -At -c "select coalesce(json_agg(row_to_json(x)), '[]') from (select * from $t) x" mastra)
    else
      rows='[]'
    fi
    [ $first = 1 ] || echo ','
    first=0
    printf '%s: {"count": %s, "rows": %s}' "$(jq -Rn --arg t "$t" '$t')" "$count" "$rows"
  done
  echo '}'
} | jq . >"$out/pg-rows.json"
echo "fixtures in $out (pg-schema.sql, pg-rows.json, pg/)"
