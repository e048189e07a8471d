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
  echo "$side: $(cat "$out" | tr '\n' ' ')" >&2
}

jvm_heap() { heap_used_mib "$1"; }
peer_heap() { node_heap_mib "$1" "$WORK/PEER_STREAMS.log"; }

if [[ " $SIDES " == *" ours "* ]]; then
  port=$(free_port)
  OURS_JAVA_OPTS="-Xmx$OUR_HEAP" start_ours OURS_STREAMS "$port" clerk --model slow --slow-interval-ms "$SLOW_INTERVAL_MS" --slow-tokens "$SLOW_TOKENS"
  run_streams ours "$OURS_STREAMS_PID" "$port" jvm_heap
  stop_server "$OURS_STREAMS_PID"
fi
if [[ " $SIDES " == *" peer "* ]]; then
  port=$(free_port)
  start_peer PEER_STREAMS "$port" clerk PEER_MODEL=slow SLOW_TOKEN_MS="$SLOW_INTERVAL_MS" SLOW_TOKENS="$SLOW_TOKENS"
  run_streams peer "$PEER_STREAMS_PID" "$port" peer_heap
  stop_server "$PEER_STREAMS_PID"
fi
if [[ " $SIDES " == *" floor "* ]]; then
  port=$(free_port)
  log="$WORK/FLOOR.log"
  taskset -c "$SERVER_CPU" "$JAVA_HOME/bin/java" -cp "$JAR" dev.mastra4j.benchmarks.SseFloorServer --port "$port" \
    --interval-ms "$SLOW_INTERVAL_MS" --tokens "$SLOW_TOKENS" >"$log" 2>&1 &
  FLOOR_PID=$!; PIDS+=("$FLOOR_PID")
  wait_for_line "$log" '^READY'
  run_streams floor "$FLOOR_PID" "$port" jvm_heap
  stop_server "$FLOOR_PID"
fi
[ "$SIDES" = "ours peer floor" ] || { echo "SIDES=$SIDES: not writing BENCHMARKS.md" >&2; exit 0; }

field() { echo "$1" | tr ' ' '\n' | sed -n "s/^$2=//p"; }
per_stream_kib() { awk -v a="$1" -v b="$2" -v n="$3" 'BEGIN { if (a == "n/a" || b == "n/a" || n + 0 <= 0) print "n/a"; else printf "%.0f", (b - a) * 1024 / n }'; }
row() {
  local label=$1 key=$2 unit=${3:-}
  echo "| $label | $(field "$ours_result" "$key")$unit | $(field "$peer_result" "$key")$unit | $(field "$floor_result" "$key")$unit |"
}
frame_rate() { awk -v f="$(field "$1" frames)" -v c="$2" 'BEGIN { if (c > 0) printf "%.0f", f / c; else print "n/a" }'; }
ours_errs=$(field "$ours_result" errors)

write_section peer-streams <<MD
## ${STREAMS} concurrent streams (issue 5)

Command: \`bash benchmarks/peer/streams.sh\` (part of \`bash benchmarks/run-all.sh\`)

$(machine_line)
Each stream is an authenticated \`POST /api/agents/weatherAgent/stream\` whose model emits one token every
${SLOW_INTERVAL_MS} ms for ${SLOW_TOKENS} tokens ($(( SLOW_INTERVAL_MS * SLOW_TOKENS / 1000 )) s), so ${STREAMS} streams ask the server for about
$(( STREAMS * 1000 / SLOW_INTERVAL_MS )) frames a second. The client (\`StreamLoad\`: one selector thread, raw HTTP/1.1, on CPU $LOAD_CPU)
opens the streams evenly over ${RAMP_MS} ms (after a warm-up of ${WARM_STREAMS} streams cut off after 5 s), reads every frame, and stops by itself after ${STREAM_DEADLINE_S} s; a stream
counts as an error unless it ends with \`finish\` and \`[DONE]\`, or when no byte arrives for ${STALL_MS} ms. Memory is sampled
when every stream has had its first frame (or ramp + 15 s), after a full GC on both sides (\`jcmd GC.run\`; the peer's
\`global.gc()\`). Ours: \`BenchServer --model slow\` (\`SlowStreamingModel\`), \`-Xmx${OUR_HEAP}\`. Peer: \`server.mjs\` with
\`PEER_MODEL=slow\` (a LanguageModelV2 stream that waits ${SLOW_INTERVAL_MS} ms between tokens), Node's default heap limit.

| | mastra4j | Mastra 1.71 | floor: \`SseFloorServer\` (not Mastra) |
| --- | --- | --- | --- |
| streams completed / errors (target: 0 errors for mastra4j) | $(field "$ours_result" ok) / ${ours_errs} $( [ "$ours_errs" = 0 ] && echo "(met)" || echo "(**missed**)") | $(field "$peer_result" ok) / $(field "$peer_result" errors) | $(field "$floor_result" ok) / $(field "$floor_result" errors) |
| error reasons | ${ours_errors:-none} | ${peer_errors:-none} | ${floor_errors:-none} |
$(row "time to first frame, p50" ttff_p50_ms " ms")
$(row "time to first frame, p99" ttff_p99_ms " ms")
$(row "time to first token, p50" first_token_p50_ms " ms")
$(row "time to first token, p99" first_token_p99_ms " ms")
$(row "stream duration, p50 (ideal $(( SLOW_INTERVAL_MS * (SLOW_TOKENS - 1) / 1000 )) s)" duration_p50_s " s")
$(row "stream duration, p99" duration_p99_s " s")
$(row "peak concurrently open streams" peak_open)
| all streams had their first frame | ${ours_plateau:-never} | ${peer_plateau:-never} | ${floor_plateau:-never} |
| open connections when memory was sampled | ${ours_open_at_sample} | ${peer_open_at_sample} | ${floor_open_at_sample} |
| live heap: idle → with streams open | ${ours_heap_idle} → ${ours_heap_open} MiB | ${peer_heap_idle} → ${peer_heap_open} MiB | |
| live heap per open stream | $(per_stream_kib "$ours_heap_idle" "$ours_heap_open" "$ours_open_at_sample") KiB | $(per_stream_kib "$peer_heap_idle" "$peer_heap_open" "$peer_open_at_sample") KiB | |
| RSS: idle → with streams open | ${ours_rss_idle} → ${ours_rss_open} MiB | ${peer_rss_idle} → ${peer_rss_open} MiB | |
| RSS per open stream | $(per_stream_kib "$ours_rss_idle" "$ours_rss_open" "$ours_open_at_sample") KiB | $(per_stream_kib "$peer_rss_idle" "$peer_rss_open" "$peer_open_at_sample") KiB | |
| RSS after the run / server still running | ${ours_rss_after} MiB / ${ours_alive} | ${peer_rss_after} MiB / ${peer_alive} | |
$(row "frames received" frames)
| server CPU time during the run | ${ours_cpu} s ($(frame_rate "$ours_result" "$ours_cpu") frames per CPU-second) | ${peer_cpu} s ($(frame_rate "$peer_result" "$peer_cpu") frames per CPU-second) | ${floor_cpu} s ($(frame_rate "$floor_result" "$floor_cpu") frames per CPU-second) |

The floor column is not a Mastra server: \`SseFloorServer\` is one selector thread writing pre-encoded Mastra-shaped
frames (no auth, no JSON library, no agent), one \`write\` per frame as any server that flushes each token must do.
Its frames per CPU-second are what the loopback TCP path and the system call cost on this machine; a server needs
$(( STREAMS * 1000 / SLOW_INTERVAL_MS )) frames a second here, so if even the floor is close to one CPU-second per second, no server can keep
every stream on time on one core of this machine.
MD
sed -n '/<!-- peer-streams:start -->/,/<!-- peer-streams:end -->/p' "$BENCH_ROOT/BENCHMARKS.md"
