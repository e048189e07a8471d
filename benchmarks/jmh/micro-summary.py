#!/usr/bin/env python3
"""Summarises a JMH JSON result of the issue-12 benchmarks (SignaturePoolBenchmark, TokenCacheBenchmark,
TokenCacheHitPairedBenchmark) as markdown tables. Unpaired benchmarks: wall-clock ops/s (JMH's score, lowest and
highest iteration), the benchmark thread's CPU time per operation (median and range over all measured iterations of
all forks) and, where present, misses per operation. Paired benchmarks: each variant's CPU and wall-clock time per
operation, and its ratio to the baseline variant over the whole run and per iteration.

    python3 benchmarks/jmh/micro-summary.py result.json
"""
import json
import statistics
import sys

runs = json.load(open(sys.argv[1]))
single = [run for run in runs if not any(k.endswith("Each") for k in run.get("secondaryMetrics", {}))]
if single:
    print("| benchmark | params | ops/s [min – max] | CPU µs/op, median [min – max] | misses/op |")
    print("| --- | --- | ---: | ---: | ---: |")
for run in single:
    name = run["benchmark"].rsplit(".", 2)[-2:]
    params = ", ".join(f"{k}={v}" for k, v in run.get("params", {}).items())
    primary = run["primaryMetric"]
    ops = [s for fork in primary["rawData"] for s in fork]
    secondary = run.get("secondaryMetrics", {})
    cpu = [s / 1000 for fork in secondary.get("cpuNsPerOp", {}).get("rawData", []) for s in fork]
    misses = secondary.get("misses")
    miss_rate = ""
    if misses:
        total_misses = sum(s for fork in misses["rawData"] for s in fork)
        iteration_seconds = float(run["measurementTime"].split()[0])
        total_ops = sum(ops) * iteration_seconds
        miss_rate = f"{total_misses / total_ops:.3f}"
    cpu_text = f"{statistics.median(cpu):.2f} [{min(cpu):.2f} – {max(cpu):.2f}]" if cpu else "–"
    print(f"| {'.'.join(name)} | {params} | {primary['score']:,.0f} [{min(ops):,.0f} – {max(ops):,.0f}] | "
          f"{cpu_text} | {miss_rate} |")

# Paired benchmarks (SignaturePoolBenchmark, TokenCacheHitPairedBenchmark): per-variant nanosecond sums per iteration.
paired = [run for run in runs if any(k.endswith("Each") for k in run.get("secondaryMetrics", {}))]
for run in paired:
    secondary = run["secondaryMetrics"]
    count_key = next(k for k in secondary if k.endswith("Each"))
    counts = [s for fork in secondary[count_key]["rawData"] for s in fork]
    variants = [k[len("cpuNs"):] for k in secondary if k.startswith("cpuNs")]
    base = variants[0] if "Both" not in variants else "Both"
    base = "HandMade" if "HandMade" in variants else base
    print(f"\n{run['benchmark'].rsplit('.', 2)[-2]}.{run['benchmark'].rsplit('.', 1)[-1]}: "
          f"{int(sum(counts)):,} operations per variant over {len(counts)} iterations; "
          f"ratio = variant / {base[0].lower() + base[1:]}, per iteration [min – max]\n")
    print("| variant | CPU µs/op | CPU ratio [min – max] | wall µs/op | wall ratio [min – max] |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for v in sorted(variants, key=lambda v: (v != base, v)):
        row = [f"{v[0].lower() + v[1:]}"]
        for kind in ("cpuNs", "wallNs"):
            mine = [s for fork in secondary[kind + v]["rawData"] for s in fork]
            theirs = [s for fork in secondary[kind + base]["rawData"] for s in fork]
            per_op = sum(mine) / sum(counts) / 1000
            ratios = [m / t for m, t in zip(mine, theirs) if t]
            row += [f"{per_op:.3f}", f"{sum(mine) / sum(theirs):.3f} [{min(ratios):.3f} – {max(ratios):.3f}]"]
        print("| " + " | ".join(row) + " |")
