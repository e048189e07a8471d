#!/usr/bin/env bash
# Issue 6, soak: SOAK_SECONDS (default 600) of steady mixed load (RATE requests/s, default 400, a known fraction of
# them with bad tokens) against the authenticated example, after a WARMUP_SECONDS (default 30) warm-up. The server is
# read while idle before and after: heap after full GC, threads, file descriptors. Fails (exit 1) when an answer was
# unexpected, the heap grew more than 10 %, the thread count grew by more than THREAD_SLACK (default 2), or file
# descriptors by more than FD_SLACK (default 2). Loopback only; bounded by SOAK_SECONDS + WARMUP_SECONDS + ~1 min.
# Rewrites the "robustness-soak" section of BENCHMARKS.md.
. "$(dirname "$0")/lib.sh"
SOAK_SECONDS=${SOAK_SECONDS:-600}
WARMUP_SECONDS=${WARMUP_SECONDS:-30}
RATE=${RATE:-400}
CONCURRENCY=${CONCURRENCY:-32}
BAD_FRACTION=${BAD_FRACTION:-0.1}
MIX=${MIX:-50:30:20}
THREAD_SLACK=${THREAD_SLACK:-2}
FD_SLACK=${FD_SLACK:-2}
SAMPLE_SECONDS=${SAMPLE_SECONDS:-30}
build_jar

port=$(free_port)
JAVA_OPTS="${JAVA_OPTS:--Xmx512m}" start_server SOAK "$port" --auth clerk
url="http://127.0.0.1:$port"
load=(--url "$url" --token "$SOAK_TOKEN" --concurrency "$CONCURRENCY" --rate "$RATE" --bad-fraction "$BAD_FRACTION"
      --mix "$MIX")

status=0
run_load warmup "${load[@]}" --seconds "$WARMUP_SECONDS" || status=$?
heap0=$(heap_after_gc_kib "$SOAK_PID"); threads0=$(threads "$SOAK_PID"); fds0=$(fds "$SOAK_PID"); rss0=$(rss_mib "$SOAK_PID")

# While the soak runs: threads, descriptors and RSS every SAMPLE_SECONDS (readings only; the bounds use idle values).
( while kill -0 "$SOAK_PID" 2>/dev/null; do
    echo "$(date +%s) $(threads "$SOAK_PID") $(fds "$SOAK_PID") $(rss_mib "$SOAK_PID")" >>"$WORK/samples"
    sleep "$SAMPLE_SECONDS"
  done ) &
sampler=$!
run_load main "${load[@]}" --seconds "$SOAK_SECONDS" || status=$?
kill "$sampler" 2>/dev/null || true; wait "$sampler" 2>/dev/null || true

kill -0 "$SOAK_PID" 2>/dev/null || { echo "server died" >&2; exit 1; }
health=$(curl -s -o /dev/null -w '%{http_code}' "$url/health" || true)
[ "$health" = 200 ] || { echo "server unhealthy after the soak: $health" >&2; status=1; }
heap1=$(heap_after_gc_kib "$SOAK_PID")
threads1=$(settle threads "$SOAK_PID" $((threads0 + THREAD_SLACK)))
fds1=$(settle fds "$SOAK_PID" $((fds0 + FD_SLACK)))
rss1=$(rss_mib "$SOAK_PID")
heap_limit=$((heap0 * 110 / 100))
checks=()
[ "$(result main unexpected)" = 0 ] || checks+=("unexpected answers")
[ "$heap1" -le "$heap_limit" ] || { checks+=("heap grew more than 10 %"); status=1; }
[ "$threads1" -le $((threads0 + THREAD_SLACK)) ] || { checks+=("threads grew"); status=1; }
[ "$fds1" -le $((fds0 + FD_SLACK)) ] || { checks+=("file descriptors grew"); status=1; }
verdict=$([ "$status" = 0 ] && echo PASS || echo "FAIL (${checks[*]:-load client})")
ranges=$(awk 'NR == 1 {tmin = tmax = $2; fmin = fmax = $3; rmin = rmax = $4}
  {if ($2 < tmin) tmin = $2; if ($2 > tmax) tmax = $2; if ($3 < fmin) fmin = $3; if ($3 > fmax) fmax = $3;
   if ($4 < rmin) rmin = $4; if ($4 > rmax) rmax = $4}
  END {printf "threads %d–%d, descriptors %d–%d, RSS %d–%d MiB (%d samples)", tmin, tmax, fmin, fmax, rmin, rmax, NR}' \
  "$WORK/samples" 2>/dev/null || echo "no samples")

write_section robustness-soak <<MD
## Robustness: soak (issue 6)

Command: \`bash benchmarks/robustness/soak.sh\` (SOAK_SECONDS=${SOAK_SECONDS}, WARMUP_SECONDS=${WARMUP_SECONDS}, RATE=${RATE}/s, CONCURRENCY=${CONCURRENCY}, BAD_FRACTION=${BAD_FRACTION}, MIX list:generate:stream=${MIX})

$(robustness_machine_line)

Result: **${verdict}**: $(result main total) answers in $(result main seconds) s ($(result main rps) req/s), **$(result main unexpected) unexpected**, $(result main unauthorized) × 401, all for bad tokens.

| measure (server idle, before → after the soak) | before | after | bound |
| --- | --- | --- | --- |
| heap after full GC | $((heap0 / 1024)) MiB ($heap0 KiB) | $((heap1 / 1024)) MiB ($heap1 KiB) | ≤ +10 % ($heap_limit KiB) |
| threads (/proc/PID/status) | ${threads0} | ${threads1} | ≤ +${THREAD_SLACK} |
| file descriptors (/proc/PID/fd) | ${fds0} | ${fds1} | ≤ +${FD_SLACK} |
| RSS | ${rss0} MiB | ${rss1} MiB | (reading) |

During the soak, every ${SAMPLE_SECONDS} s: ${ranges}.
Latency of good requests, p50 / p99: list $(result main list_p50) / $(result main list_p99) ms; generate $(result main generate_p50) / $(result main generate_p99) ms; stream $(result main stream_p50) / $(result main stream_p99) ms.

Answers by operation, credential and status:

$(counts main)
MD
sed -n '/robustness-soak:start/,/robustness-soak:end/p' "$BENCH_ROOT/BENCHMARKS.md"
grep '^UNEXPECTED' "$WORK/main.out" "$WORK/warmup.out" >&2 || true
exit "$status"
