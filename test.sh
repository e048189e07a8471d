#!/usr/bin/env bash
# Runs every test: the Maven build with all unit and integration tests, then the official
# @mastra/client-js against the example server. Needs only a JDK 21+ (found automatically) and,
# for the client-js check, npm (the check installs Node 22 from the npm registry itself).
set -euo pipefail
cd "$(dirname "$0")"
. scripts/jdk.sh
echo "Using JDK at $JAVA_HOME"
./mvnw -B -ntp verify "$@"
bash benchmarks/client-js-compat/run.sh
