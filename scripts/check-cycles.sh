#!/usr/bin/env bash
# Fails when the project's main code has a package cycle: jdeps reads every module's target/classes, and
# scripts/PackageCycles.java lists each set of packages that depend on one another in a ring, with the class
# dependencies behind each edge. Build first (./mvnw -o -B compile, or any later phase).
# Usage: scripts/check-cycles.sh [--report-only]
#   --report-only   print the cycles but exit 0 (while cycles are being removed)
# Exit: 0 no cycle (or --report-only), 1 a cycle, 2 not built or jdeps failed.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/jdk.sh
dirs=()
for module in mastra-auth mastra-core mastra-storage-jdbc mastra-libsql mastra-pg mastra-server mastra-auth-clerk mastra-testing mastra-client \
  mastra-spring-boot-autoconfigure examples/spring-weather \
  examples/weather-agent benchmarks; do
  dirs+=("$module/target/classes")
done
exec java scripts/PackageCycles.java "$@" "${dirs[@]}"
