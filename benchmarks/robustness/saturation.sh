#!/usr/bin/env bash
# Issue 6, saturation: the authenticated example at full load for SATURATION_SECONDS (default 60) with a mix of
# list, generate and stream and a known fraction of bad tokens. Fails (exit 1) when any answer is other than 200 for
# a good token or 401 for a bad one (I/O errors and timeouts included), or the server dies. Loopback only; bounded by
# SATURATION_SECONDS + ~1 min. Rewrites the "robustness-saturation" section of BENCHMARKS.md.
. "$(dirname "$0")/lib.sh"
SATURATION_SECONDS=${SATURATION_SECONDS:-60}
CONCURRENCY=${CONCURRENCY:-64}
BAD_FRACTION=${BAD_FRACTION:-0.1}
MIX=${MIX:-50:30:20}
build_jar

port=$(free_port)
JAVA_OPTS="${JAVA_OPTS:--Xmx512m}" start_server SAT "$port" --auth clerk
url="http://127.0.0.1:$port"
load=(--url "$url" --token "$SAT_TOKEN" --concurrency "$CONCURRENCY" --bad-fraction "$BAD_FRACTION" --mix "$MIX")

status=0
run_load warmup "${load[@]}" --seconds 10 || status=$?
heap0=$(heap_after_gc_kib "$SAT_PID"); threads0=$(threads "$SAT_PID"); fds0=$(fds "$SAT_PID")
run_load main "${load[@]}" --seconds "$SATURATION_SECONDS" || status=$?
kill -0 "$SAT_PID" 2>/dev/null || { echo "server died" >&2; status=1; }
health=$(curl -s -o /dev/null -w '%{http_code}' "$url/health" || true)
[ "$health" = 200 ] || { echo "server unhealthy after the run: $health" >&2; status=1; }
heap1=$(heap_after_gc_kib "$SAT_PID"); threads1=$(threads "$SAT_PID"); fds1=$(settle fds "$SAT_PID" "$fds0")
rss=$(rss_mib "$SAT_PID")
verdict=$([ "$status" = 0 ] && echo PASS || echo FAIL)

write_section robustness-saturation <<MD
## Robustness: saturation (issue 6)

Command: \`bash benchmarks/robustness/saturation.sh\` (SATURATION_SECONDS=${SATURATION_SECONDS}, CONCURRENCY=${CONCURRENCY}, BAD_FRACTION=${BAD_FRACTION}, MIX list:generate:stream=${MIX})

$(robustness_machine_line)

Result: **${verdict}**: $(result main total) answers in $(result main seconds) s ($(result main rps) req/s), **$(result main unexpected) unexpected** (anything but 200 for the good token or 401 for a bad one), $(result main unauthorized) × 401, all for bad tokens.

| measure | result |
| --- | --- |
| latency of good requests, p50 / p99 | list $(result main list_p50) / $(result main list_p99) ms; generate $(result main generate_p50) / $(result main generate_p99) ms; stream $(result main stream_p50) / $(result main stream_p99) ms |
| heap after full GC, before / after the run | $((heap0 / 1024)) / $((heap1 / 1024)) MiB |
| threads before / after | ${threads0} / ${threads1} |
| file descriptors before / after | ${fds0} / ${fds1} |
| RSS after the run | ${rss} MiB |
| \`/health\` after the run | ${health} |

Answers by operation, credential and status:

$(counts main)
MD
sed -n '/robustness-saturation:start/,/robustness-saturation:end/p' "$BENCH_ROOT/BENCHMARKS.md"
grep '^UNEXPECTED' "$WORK/main.out" "$WORK/warmup.out" >&2 || true
exit "$status"
