#!/usr/bin/env bash
# Issue 5, concurrency and memory: STREAMS (10,000) concurrent authenticated POST …/stream connections on one server
# process, a slow stub model emitting a token every 100 ms for 30 s. Our server runs with -Xmx1g; then the same against
# the Mastra peer, as far as it goes. Rewrites the "peer-streams" section of BENCHMARKS.md.
. "$(dirname "$0")/peer-lib.sh"

STREAMS=${STREAMS:-10000}
RAMP_MS=${RAMP_MS:-10000}
SLOW_INTERVAL_MS=${SLOW_INTERVAL_MS:-100}
SLOW_TOKENS=${SLOW_TOKENS:-300}
# Long enough for a server that keeps up (ramp + 30 s + slack); a server that falls behind is cut off here.
STREAM_DEADLINE_S=${STREAM_DEADLINE_S:-90}
STALL_MS=${STALL_MS:-30000}
OUR_HEAP=${OUR_HEAP:-1g}
# Warm-up before measuring: streams cut off after a few seconds, so both runtimes have compiled the hot paths.
WARM_STREAMS=${WARM_STREAMS:-1000}
# ours: JVM defaults + -Xmx; peer: Mastra 1.71; floor: not Mastra (see below). Also available: ours1, the same as ours with
# one virtual-thread carrier (the JVM's default on one CPU; the server asks for two unless told otherwise). The table is written when SIDES contains ours and peer.
SIDES=${SIDES:-ours peer floor}

# Each side needs one descriptor per stream (the client is a separate process); raise the soft limit as far as allowed.
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"
if [ "$(ulimit -n)" -lt $(( STREAMS + 1024 )) ]; then
  echo "open-file limit $(ulimit -n) is too low for $STREAMS streams (raise the hard limit: ulimit -Hn)" >&2; exit 1
fi

build_jar
install_peer
start_issuer 0

cpu_seconds() { awk '{ printf "%.1f", ($14 + $15) / 100 }' "/proc/$1/stat"; }
open_conns() { ss -Htn state established "( sport = :$1 )" | wc -l; }

# run_streams SIDE PID PORT HEAP_FN : sets ${SIDE}_* results.
run_streams() {
  local side=$1 pid=$2 port=$3 heap_fn=$4
  local out="$WORK/$side-streams.out" err="$WORK/$side-streams.err" client
  taskset -c "$LOAD_CPU" "$JAVA_HOME/bin/java" -Xmx512m -cp "$JAR" dev.mastra4j.benchmarks.StreamLoad --port "$port" \
    --token "$TOKEN" --streams "$WARM_STREAMS" --ramp-ms 2000 --deadline-s 5 >"$WORK/$side-warmup.out" 2>&1 || true
  sleep 3
  printf -v "${side}_heap_idle" '%s' "$("$heap_fn" "$pid")"
  printf -v "${side}_rss_idle" '%s' "$(rss_mib "$pid")"
  local cpu0; cpu0=$(cpu_seconds "$pid")
  taskset -c "$LOAD_CPU" "$JAVA_HOME/bin/java" -Xmx512m -cp "$JAR" dev.mastra4j.benchmarks.StreamLoad --port "$port" \
    --token "$TOKEN" --streams "$STREAMS" --ramp-ms "$RAMP_MS" --deadline-s "$STREAM_DEADLINE_S" --stall-ms "$STALL_MS" \
    >"$out" 2>"$err" &
  client=$!; PIDS+=("$client")
  # Sample when every stream has its first frame (PLATEAU), or 15 s after the ramp if the server never gets there.
  local give_up=$(( $(date +%s) + RAMP_MS / 1000 + 15 ))
  until grep -q '^PLATEAU' "$out" 2>/dev/null || ! kill -0 "$client" 2>/dev/null || [ "$(date +%s)" -ge "$give_up" ]; do sleep 0.2; done
  printf -v "${side}_open_at_sample" '%s' "$(open_conns "$port")"
  printf -v "${side}_rss_open" '%s' "$(rss_mib "$pid" 2>/dev/null || echo n/a)"
  printf -v "${side}_heap_open" '%s' "$("$heap_fn" "$pid")"
  wait "$client" || true
  printf -v "${side}_cpu" '%s' "$(awk -v a="$cpu0" -v b="$(cpu_seconds "$pid" 2>/dev/null || echo "$cpu0")" 'BEGIN { printf "%.1f", b - a }')"
  printf -v "${side}_rss_after" '%s' "$(rss_mib "$pid" 2>/dev/null || echo "exited")"
  printf -v "${side}_alive" '%s' "$(kill -0 "$pid" 2>/dev/null && echo yes || echo "no (exited)")"
  printf -v "${side}_result" '%s' "$(sed -n 's/^RESULT //p' "$out")"
  printf -v "${side}_errors" '%s' "$(sed -n 's/^ERRORS *//p' "$out")"
  printf -v "${side}_plateau" '%s' "$(sed -n 's/^PLATEAU //p' "$out")"
  local cpu_name="${side}_cpu"
  echo "$side: cpu_s=${!cpu_name} $(cat "$out" | tr '\n' ' ')" >&2
}

jvm_heap() { heap_used_mib "$1"; }
peer_heap() { node_heap_mib "$1" "$WORK/PEER_STREAMS.log"; }
slow_args=(--model slow --slow-interval-ms "$SLOW_INTERVAL_MS" --slow-tokens "$SLOW_TOKENS")

for side in $SIDES; do
  port=$(free_port)
  case $side in
    ours)  OURS_JAVA_OPTS="-Xmx$OUR_HEAP" start_ours OURS_STREAMS "$port" clerk "${slow_args[@]}"
           run_streams ours "$OURS_STREAMS_PID" "$port" jvm_heap; stop_server "$OURS_STREAMS_PID" ;;
    ours1) OURS_JAVA_OPTS="-Xmx$OUR_HEAP -Djdk.virtualThreadScheduler.parallelism=1" start_ours OURS1_STREAMS "$port" clerk "${slow_args[@]}"
           run_streams ours1 "$OURS1_STREAMS_PID" "$port" jvm_heap; stop_server "$OURS1_STREAMS_PID" ;;
    peer)  start_peer PEER_STREAMS "$port" clerk PEER_MODEL=slow SLOW_TOKEN_MS="$SLOW_INTERVAL_MS" SLOW_TOKENS="$SLOW_TOKENS"
           run_streams peer "$PEER_STREAMS_PID" "$port" peer_heap; stop_server "$PEER_STREAMS_PID" ;;
    floor) taskset -c "$SERVER_CPU" "$JAVA_HOME/bin/java" -cp "$JAR" dev.mastra4j.benchmarks.SseFloorServer --port "$port" \
             --interval-ms "$SLOW_INTERVAL_MS" --tokens "$SLOW_TOKENS" >"$WORK/FLOOR.log" 2>&1 &
           FLOOR_PID=$!; PIDS+=("$FLOOR_PID"); wait_for_line "$WORK/FLOOR.log" '^READY'
           run_streams floor "$FLOOR_PID" "$port" jvm_heap; stop_server "$FLOOR_PID" ;;
    *)     echo "unknown side $side" >&2; exit 1 ;;
  esac
done
[[ " $SIDES " == *" ours "* && " $SIDES " == *" peer "* ]] || { echo "SIDES=$SIDES: not writing BENCHMARKS.md" >&2; exit 0; }

read -r -a cols <<<"$SIDES"
declare -A TITLE=([ours]="mastra4j" [ours1]="mastra4j, 1 carrier" [peer]="Mastra 1.71" [floor]="floor (not Mastra)")
declare -A ABOUT=(
  [ours]="- **mastra4j**: \`BenchServer --model slow\` (\`SlowStreamingModel\`), \`-Xmx${OUR_HEAP}\`, JVM defaults otherwise (on one CPU
  that is the serial GC; the server asks for two virtual-thread carriers, see \`CarrierThreads\`)."
  [ours1]="- **mastra4j, 1 carrier**: the same with \`-Djdk.virtualThreadScheduler.parallelism=1\`, the JVM's own default on one CPU."
  [peer]="- **Mastra 1.71**: \`server.mjs\` with \`PEER_MODEL=slow\` (a LanguageModelV2 stream waiting ${SLOW_INTERVAL_MS} ms between
  tokens), Node's default heap limit."
  [floor]="- **floor**: \`SseFloorServer\`, not a Mastra server: one selector thread writing pre-encoded Mastra-shaped frames (no
  auth, no JSON library, no agent), one \`write\` per frame as any server that flushes each token must. Its frames per
  CPU-second are what the loopback TCP path and the system call cost on this machine.")
header() { local line="|" sep="| ---" c; for c in "${cols[@]}"; do line+=" | ${TITLE[$c]}"; sep+=" | ---"; done; printf '%s |\n%s |\n' "$line" "$sep"; }
v() { local name="${1}_$2"; echo "${!name:-n/a}"; }
field() { echo "$1" | tr ' ' '\n' | sed -n "s/^$2=//p"; }
per_stream_kib() { awk -v a="$1" -v b="$2" -v n="$3" 'BEGIN { if (a == "n/a" || b == "n/a" || a == "" || b == "" || n + 0 <= 0) print "n/a"; else printf "%.0f", (b - a) * 1024 / n }'; }
frame_rate() { awk -v f="$(field "$1" frames)" -v c="$2" 'BEGIN { if (c > 0) printf "%.0f", f / c; else print "n/a" }'; }
# row LABEL FUNCTION : one table row, FUNCTION SIDE prints the cell
row() { local line="| $1 |"; for c in "${cols[@]}"; do line+=" $("$2" "$c") |"; done; echo "$line"; }
res() { field "$(v "$1" result)" "$2"; }
c_done() { local e; e=$(res "$1" errors); echo "$(res "$1" ok) / $e$( [ "$1" = ours ] || [ "$1" = ours1 ] && { [ "$e" = 0 ] && echo " (met)" || echo " (**missed**)"; })"; }
c_reasons() { local name="${1}_errors"; echo "${!name:-none}"; }
c_ttff50() { echo "$(res "$1" ttff_p50_ms) ms"; }
c_ttff99() { echo "$(res "$1" ttff_p99_ms) ms"; }
c_tok50() { echo "$(res "$1" first_token_p50_ms) ms"; }
c_tok99() { echo "$(res "$1" first_token_p99_ms) ms"; }
c_dur50() { echo "$(res "$1" duration_p50_s) s"; }
c_dur99() { echo "$(res "$1" duration_p99_s) s"; }
c_peak() { res "$1" peak_open; }
c_plateau() { local p; p=$(v "$1" plateau); echo "${p:-never}"; }
c_open() { v "$1" open_at_sample; }
mem() { [ "$1" = floor ] && return 0; echo "$2"; }
c_heap() { mem "$1" "$(v "$1" heap_idle) → $(v "$1" heap_open) MiB"; }
c_heap_per() { mem "$1" "$(per_stream_kib "$(v "$1" heap_idle)" "$(v "$1" heap_open)" "$(v "$1" open_at_sample)") KiB"; }
c_rss() { mem "$1" "$(v "$1" rss_idle) → $(v "$1" rss_open) MiB"; }
c_rss_per() { mem "$1" "$(per_stream_kib "$(v "$1" rss_idle)" "$(v "$1" rss_open)" "$(v "$1" open_at_sample)") KiB"; }
c_after() { mem "$1" "$(v "$1" rss_after) MiB / $(v "$1" alive)"; }
c_frames() { res "$1" frames; }
c_cpu() { echo "$(v "$1" cpu) s ($(frame_rate "$(v "$1" result)" "$(v "$1" cpu)") frames per CPU-second)"; }

write_section peer-streams <<MD
## ${STREAMS} concurrent streams (issue 5)

Command: \`bash benchmarks/peer/streams.sh\` (part of \`bash benchmarks/run-all.sh\`)

$(machine_line | sed "s/; $CONNECTIONS connections; ${DURATION} after ${WARMUP} warm-up; median of $REPS runs//")
Each stream is an authenticated \`POST /api/agents/weatherAgent/stream\` whose model emits one token every
${SLOW_INTERVAL_MS} ms for ${SLOW_TOKENS} tokens ($(( SLOW_INTERVAL_MS * SLOW_TOKENS / 1000 )) s), so ${STREAMS} streams ask the server for about
$(( STREAMS * 1000 / SLOW_INTERVAL_MS )) frames a second. The client (\`StreamLoad\`: one selector thread, raw HTTP/1.1, on CPU $LOAD_CPU)
opens the streams evenly over ${RAMP_MS} ms (after a warm-up of ${WARM_STREAMS} streams cut off after 5 s), reads every
frame, and stops by itself after ${STREAM_DEADLINE_S} s; a stream counts as an error unless it ends with \`finish\` and
\`[DONE]\`, or when no byte arrives for ${STALL_MS} ms. Memory is sampled when every stream has had its first frame (or
ramp + 15 s), after a full GC (\`jcmd GC.run\`; the peer's \`global.gc()\`). One server process at a time on CPU $SERVER_CPU.

$(for c in "${cols[@]}"; do echo "${ABOUT[$c]}"; done)

$(header)
$(row "streams completed / errors (target: 0 errors)" c_done)
$(row "error reasons" c_reasons)
$(row "time to first frame, p50" c_ttff50)
$(row "time to first frame, p99" c_ttff99)
$(row "time to first token, p50" c_tok50)
$(row "time to first token, p99" c_tok99)
$(row "stream duration, p50 (ideal $(( SLOW_INTERVAL_MS * (SLOW_TOKENS - 1) / 1000 )).$(( SLOW_INTERVAL_MS * (SLOW_TOKENS - 1) % 1000 / 100 )) s)" c_dur50)
$(row "stream duration, p99" c_dur99)
$(row "peak concurrently open streams" c_peak)
$(row "all streams had their first frame" c_plateau)
$(row "open connections when memory was sampled" c_open)
$(row "live heap: idle → with streams open" c_heap)
$(row "live heap per open stream" c_heap_per)
$(row "RSS: idle → with streams open" c_rss)
$(row "RSS per open stream" c_rss_per)
$(row "RSS after the run / server still running" c_after)
$(row "frames received" c_frames)
$(row "server CPU time during the run" c_cpu)

$(( STREAMS * 1000 / SLOW_INTERVAL_MS )) frames a second need $(( STREAMS * 1000 / SLOW_INTERVAL_MS )) frames per CPU-second from one core. Where even the floor's
figure is not far above that, no server can keep every stream on time on one core of this machine; a stream duration
above the ideal means the server fell behind the model.
MD
sed -n '/<!-- peer-streams:start -->/,/<!-- peer-streams:end -->/p' "$BENCH_ROOT/BENCHMARKS.md"
