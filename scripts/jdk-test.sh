#!/usr/bin/env bash
# Checks scripts/jdk.sh against fake JDKs: it takes the newest JDK 21+ by the version it reports (not by directory
# name), passes over a JAVA_HOME or `java` on the PATH that is older than 21 or has no javac, and says what it needs
# when there is none. Needs only bash and coreutils; prints one line per case and "jdk.sh: N passed, N failed".
set -uo pipefail
src="$(cd "$(dirname "$0")" && pwd)/jdk.sh"
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT

# fake DIR VERSION SPEC_VERSION WITH_JAVAC: a bin/java that reports VERSION as `-XshowSettings:properties` does.
fake() {
  mkdir -p "$t/jvm/$1/bin"
  printf '#!/bin/sh\n{ echo "Property settings:"; echo "    java.specification.version = %s"; echo "    java.version = %s"; } >&2\n' \
    "$3" "$2" >"$t/jvm/$1/bin/java"
  chmod +x "$t/jvm/$1/bin/java"
  if [ "$4" = yes ]; then cp "$t/jvm/$1/bin/java" "$t/jvm/$1/bin/javac"; fi
}
fake aaa-jdk 25.0.9 25 yes
fake jdk-25.0.10 25.0.10 25 yes
fake zzz-jdk 21.0.9 21 yes
fake zzzz-jre 26.0.1 26 no
fake java-17 17.0.2 17 yes

# A PATH with the few tools jdk.sh uses and no java; jdk.sh looks under the fake JDK folder instead of /usr/lib/jvm.
mkdir -p "$t/bin"
for tool in sed sort tail dirname readlink; do ln -s "$(command -v "$tool")" "$t/bin/$tool"; done
sed "s#/usr/lib/jvm/\*#$t/jvm/*#" "$src" >"$t/jdk.sh"
grep -q "$t/jvm/\*" "$t/jdk.sh" || { echo "jdk-test: /usr/lib/jvm/* not found in $src"; exit 1; }

passed=0 failed=0
# expect NAME WANT [VAR=VALUE...]: sources the copy with only those variables set and compares JAVA_HOME (or stderr).
expect() {
  local name=$1 want=$2 got
  shift 2
  got=$(env -i PATH="$t/bin" "$@" /bin/bash -c ". '$t/jdk.sh' && echo \"\$JAVA_HOME\"" 2>&1)
  if [[ "$got" == $want ]]; then
    passed=$((passed + 1)); echo "ok   $name"
  else
    failed=$((failed + 1)); echo "FAIL $name: got '$got', want '$want'"
  fi
}
expect "newest JDK by reported version, not by directory name" "$t/jvm/jdk-25.0.10"
expect "JAVA_HOME without javac is passed over" "$t/jvm/jdk-25.0.10" JAVA_HOME="$t/jvm/zzzz-jre"
expect "JAVA_HOME 17 is passed over" "$t/jvm/jdk-25.0.10" JAVA_HOME="$t/jvm/java-17"
expect "JAVA_HOME 21+ is kept" "$t/jvm/zzz-jdk" JAVA_HOME="$t/jvm/zzz-jdk"
ln -s "$t/jvm/java-17/bin/java" "$t/bin/java"
expect "java 17 on the PATH is passed over" "$t/jvm/jdk-25.0.10"
rm "$t/bin/java"; ln -s "$t/jvm/zzz-jdk/bin/java" "$t/bin/java"
expect "java 21+ on the PATH is taken" "$t/jvm/zzz-jdk"
rm "$t/bin/java"; rm -rf "$t/jvm/aaa-jdk" "$t/jvm/jdk-25.0.10" "$t/jvm/zzz-jdk"
expect "no JDK 21+ with javac: says what it needs" "mastra4j needs a JDK 21 or newer*"

echo "jdk.sh: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
