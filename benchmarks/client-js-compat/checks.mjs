// The pass/fail bookkeeping of check.mjs and check-memory.mjs: one line per check, a summary, exit status 1 on any
// failure.
let failures = 0;
let passes = 0;

export function check(name, condition, detail) {
  if (condition) {
    passes++;
    console.log(`ok   ${name}`);
  } else {
    failures++;
    console.log(`FAIL ${name}${detail === undefined ? '' : ': ' + JSON.stringify(detail).slice(0, 400)}`);
  }
}

export function unexpected(e) {
  failures++;
  console.log(`FAIL unexpected error: ${e?.status ?? ''} ${e?.message ?? e}`);
}

export function finish() {
  console.log(`${passes} passed, ${failures} failed`);
  process.exit(failures === 0 ? 0 : 1);
}
