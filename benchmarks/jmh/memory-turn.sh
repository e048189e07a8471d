#!/usr/bin/env bash
# Issue 13, memory in process: what the SQLite store's statement cache saves on a generate with memory. Runs
# MemoryTurnBenchmark (JMH; each operation is one generate on a store without the cache and one on a store with it,
# alternating, each timed by process CPU and wall clock) pinned to one CPU, about 4 minutes, and rewrites the
# "memory-turn" section of BENCHMARKS.md. Extra arguments go to JMH (then BENCHMARKS.md is left alone).
# Environment: JMH_CPU (default 0), SKIP_BUILD=1 to reuse benchmarks/target/benchmarks.jar.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
. scripts/jdk.sh
. benchmarks/sections.sh
JAR=benchmarks/target/benchmarks.jar
RESULT=benchmarks/target/jmh-memory-turn.json
CPU=${JMH_CPU:-0}
LOAD_BEFORE=$(cut -d' ' -f1 /proc/loadavg)
if [ -z "${SKIP_BUILD:-}" ]; then
  ./mvnw -B -q -ntp -pl benchmarks -am package -DskipTests
fi
taskset -c "$CPU" "$JAVA_HOME/bin/java" -jar "$JAR" MemoryTurnBenchmark -rf json -rff "$RESULT" "$@"
[ "$#" -eq 0 ] || exit 0

MACHINE="Machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')); JDK $("$JAVA_HOME/bin/java" -version 2>&1 | head -1); JMH 1.37; pinned to CPU $CPU; 1-minute load average $LOAD_BEFORE before the run; $(date -u +%Y-%m-%d)." \
python3 - "$RESULT" <<'PY' | write_section memory-turn
import json, os, statistics, sys

runs = json.load(open(sys.argv[1]))
print("## Memory in process: the SQLite statement cache (issue 13)\n")
print("Command: `bash benchmarks/jmh/memory-turn.sh` (JMH `MemoryTurnBenchmark`, "
      f"{runs[0]['forks']} forks, {runs[0]['warmupIterations']} × {runs[0]['warmupTime']} warm-up, "
      f"{runs[0]['measurementIterations']} × {runs[0]['measurementTime']} measured).\n")
print(os.environ["MACHINE"] + "\n")
print("One generate with memory of `memory.sh`'s weather agent (offline stand-in model, last 10 messages, working")
print("memory) on a `LibSQLStore` file, on a thread of 100 messages and more, in process (no HTTP). Each operation runs")
print("one generate on a store without the statement cache (`statementCacheSize(0)`) and one on a store with it (the")
print("default), in alternating order, so both see the same noise. Per generate, mean over the measured iterations")
print("(each iteration's mean; range in brackets); \"saved\" is the paired difference, with how many iterations had the")
print("cached store faster.\n")
print("| `synchronous` | time | without the cache | with the cache | saved per generate | cached faster in |")
print("| --- | --- | --- | --- | --- | --- |")
for run in runs:
    s = run["secondaryMetrics"]
    def values(key):
        return [x for fork in s[key]["rawData"] for x in fork]
    for kind, label in (("Wall", "wall clock"), ("Cpu", "process CPU")):
        off, on = values(f"uncached{kind}Us"), values(f"cached{kind}Us")
        saved = [a - b for a, b in zip(off, on)]
        fmt = lambda v: f"{statistics.mean(v):,.0f} µs [{min(v):,.0f}–{max(v):,.0f}]"
        print(f"| {run['params']['synchronous']} | {label} | {fmt(off)} | {fmt(on)} | "
              f"{statistics.mean(saved):,.0f} µs ({100 * statistics.mean(saved) / statistics.mean(off):.0f} %) | "
              f"{sum(1 for d in saved if d > 0)} of {len(saved)} |")
print("\nProcess CPU counts the run's virtual threads, and the JIT and GC threads as well, which both variants share")
print("alike; the wall clock includes the disk's cache flush at each `FULL` commit. Raw JMH output:")
print("`benchmarks/target/jmh-memory-turn.json`.")
PY
sed -n '/memory-turn:start/,/memory-turn:end/p' BENCHMARKS.md
