# Sourced by the project's scripts: make JAVA_HOME point at a JDK 21 or newer.
# Order: $JAVA_HOME if it is 21+, then `java` on PATH if it is 21+, then the newest JDK 21+ under /usr/lib/jvm.
java_major() { "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p' | cut -d. -f1; }
pick_jdk() {
  local candidate major
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then
    major=$(java_major "$JAVA_HOME/bin/java"); [ "${major:-0}" -ge 21 ] && return 0
  fi
  if command -v java >/dev/null 2>&1; then
    candidate=$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")
    major=$(java_major "$candidate/bin/java"); [ "${major:-0}" -ge 21 ] && { export JAVA_HOME="$candidate"; return 0; }
  fi
  for candidate in $(ls -d /usr/lib/jvm/*/ /opt/java/*/ /Library/Java/JavaVirtualMachines/*/Contents/Home/ 2>/dev/null | sort -rV); do
    candidate=${candidate%/}
    [ -x "$candidate/bin/javac" ] || continue
    major=$(java_major "$candidate/bin/java"); [ "${major:-0}" -ge 21 ] && { export JAVA_HOME="$candidate"; return 0; }
  done
  echo "mastra4j needs a JDK 21 or newer: set JAVA_HOME to one (none found on PATH or under /usr/lib/jvm)." >&2
  return 1
}
pick_jdk || exit 1
export PATH="$JAVA_HOME/bin:$PATH"
