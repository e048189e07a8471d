# Helpers for the robustness scripts, on top of benchmarks/load/lib.sh (server start, CPU pinning, write_section):
# readings of the server process and the mixed-load client. Loopback only.
. "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/../load/lib.sh"
LOAD_MAIN=dev.mastra4j.benchmarks.robustness.MixedLoad
# ROBUSTNESS_CLASSPATH: run server and client from this classpath instead of benchmarks.jar (no build), e.g. to try
# the scripts without replacing a jar that another benchmark is running from.
if [ -n "${ROBUSTNESS_CLASSPATH:-}" ]; then
  JAR=$ROBUSTNESS_CLASSPATH
  build_jar() { :; }
fi
JCMD="$JAVA_HOME/bin/jcmd"

# heap_after_gc_kib PID: used heap in KiB after two full collections (jcmd GC.run), summed over the spaces jstat
# reports (S0U S1U EU OU), so it reads the same whichever collector the JVM chose (a JVM pinned to one CPU picks Serial).
heap_after_gc_kib() {
  "$JCMD" "$1" GC.run >/dev/null
  "$JCMD" "$1" GC.run >/dev/null
  "$JAVA_HOME/bin/jstat" -gc "$1" | awk 'NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i }
    NR == 2 { printf "%.0f\n", $col["S0U"] + $col["S1U"] + $col["EU"] + $col["OU"] }'
}

threads() { awk '/^Threads:/ {print $2}' "/proc/$1/status"; }
fds() { ls "/proc/$1/fd" | wc -l; }

# settle VALUE_FN PID LIMIT: polls VALUE_FN PID for up to 15 s until it is <= LIMIT (sockets take a moment to close);
# prints the last value.
settle() {
  local fn=$1 pid=$2 limit=$3 value
  for _ in $(seq 150); do
    value=$("$fn" "$pid"); [ "$value" -le "$limit" ] && break; sleep 0.1
  done
  echo "$value"
}

# run_load NAME ARGS...: the mixed-load client pinned to LOAD_CPU; stdout in $WORK/NAME.out; returns its exit code.
run_load() {
  local name=$1; shift
  taskset -c "$LOAD_CPU" "$JAVA_HOME/bin/java" -Xmx512m -cp "$JAR" "$LOAD_MAIN" "$@" >"$WORK/$name.out" 2>"$WORK/$name.err"
}

# result NAME KEY: one value of the client's RESULT line.
result() { sed -n 's/^RESULT //p' "$WORK/$1.out" | tr ' ' '\n' | sed -n "s/^$2=//p"; }

# counts NAME: the client's per-operation/credential/status counts as a markdown list.
counts() { sed -n 's/^COUNT /- /p' "$WORK/$1.out"; }

robustness_machine_line() {
  echo "Machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')), $(free -g | awk '/Mem:/ {print $2}') GiB; JDK $("$JAVA_HOME/bin/java" -version 2>&1 | head -1); server (BenchServer, Clerk auth on a LocalClerkIssuer, offline model) pinned to CPU $SERVER_CPU, load client (MixedLoad) to CPU $LOAD_CPU; $(date -u +%Y-%m-%d)."
}
