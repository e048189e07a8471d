#!/usr/bin/env bash
# Applies the project's Java format (palantir-java-format through Spotless, configured in the parent pom) to every
# module's sources. The build checks the same format (spotless:check at process-sources); this fixes what it finds.
# Usage: scripts/format.sh [--check] [maven args...]
#   --check   only check, as the build does, and list the files that differ (exit non-zero if any)
# The first run downloads the formatter from Maven Central; later runs work offline (add -o).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/jdk.sh
goal=com.diffplug.spotless:spotless-maven-plugin:apply
if [ "${1:-}" = "--check" ]; then
  goal=com.diffplug.spotless:spotless-maven-plugin:check
  shift
fi
# mastra-bom has no parent, so no Spotless version: leave it out (it has no Java sources).
exec ./mvnw -B -ntp -q -pl '!mastra-bom' "$goal" -Dspotless.check.skip=false "$@"
