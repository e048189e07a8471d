# Sourced by the benchmark scripts. write_section NAME: replaces the block between <!-- NAME:start --> and
# <!-- NAME:end --> in BENCHMARKS.md (at the repository root, next to this directory) with stdin, adding the block at
# the end when it is not there yet.
SECTIONS_FILE="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/BENCHMARKS.md"
write_section() {
  local name=$1 file="$SECTIONS_FILE" body
  body="$(cat)"
  [ -f "$file" ] || printf '# Benchmarks\n' >"$file"
  if ! grep -q "<!-- $name:start -->" "$file"; then printf '\n<!-- %s:start -->\n<!-- %s:end -->\n' "$name" "$name" >>"$file"; fi
  BODY="$body" awk -v name="$name" '
    $0 == "<!-- " name ":start -->" { print; print ENVIRON["BODY"]; skip=1; next }
    $0 == "<!-- " name ":end -->" { skip=0 }
    !skip { print }' "$file" >"$file.tmp" && mv "$file.tmp" "$file"
}
