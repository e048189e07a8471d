# Sourced by the project's scripts: points JAVA_HOME at a JDK 21 or newer (java and javac) and puts it first on PATH.
# Order: $JAVA_HOME if it is such a JDK, then the JDK of `java` on the PATH if it is one, then the newest such JDK
# under /usr/lib/jvm, /opt/java or /Library/Java/JavaVirtualMachines, newest by the version it reports (java.version),
# not by its directory name.

# Prints the full version (java.version, for example 25.0.3) of the JDK at $1, or nothing when $1 has no bin/java and
# bin/javac or reports a specification version below 21.
jdk_version() {
  local props spec
  if [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ] && props=$("$1/bin/java" -XshowSettings:properties -version 2>&1); then
    spec=$(printf '%s\n' "$props" | sed -n 's/^ *java\.specification\.version = //p')
    if [ "${spec%%.*}" -ge 21 ] 2>/dev/null; then
      printf '%s\n' "$props" | sed -n 's/^ *java\.version = //p'
    fi
  fi
}

pick_jdk() {
  local candidate version newest=""
  if [ -n "${JAVA_HOME:-}" ] && [ -n "$(jdk_version "$JAVA_HOME")" ]; then
    return 0
  fi
  if command -v java >/dev/null 2>&1; then
    candidate=$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")
    if [ -n "$(jdk_version "$candidate")" ]; then
      export JAVA_HOME="$candidate"
      return 0
    fi
  fi
  for candidate in /usr/lib/jvm/* /opt/java/* /Library/Java/JavaVirtualMachines/*/Contents/Home; do
    [ -d "$candidate" ] || continue
    version=$(jdk_version "$candidate")
    if [ -n "$version" ]; then
      newest=$({ printf '%s\t%s\n' "$version" "$candidate"; [ -z "$newest" ] || printf '%s\n' "$newest"; } \
        | sort -t "$(printf '\t')" -k1,1V | tail -n 1)
    fi
  done
  if [ -n "$newest" ]; then
    export JAVA_HOME="${newest#*$'\t'}"
    return 0
  fi
  echo "mastra4j needs a JDK 21 or newer (java and javac): set JAVA_HOME to one (none found in JAVA_HOME, on the PATH," \
    "or under /usr/lib/jvm, /opt/java or /Library/Java/JavaVirtualMachines)." >&2
  return 1
}
pick_jdk || exit 1
export PATH="$JAVA_HOME/bin:$PATH"
