// Node, CommonJS: both entries load with require() and no `.default`, and shim() without
// WebRTC reports `unavailable` instead of throwing. Run from a project that installed the
// packed package (npm/test/run.sh).
'use strict';
const assert = require('node:assert/strict');

for (const entry of ['wasm-rtc', 'wasm-rtc/shim']) {
  const m = require(entry);
  for (const name of ['shim', 'shimSettled', 'browserDetails', 'parseCandidate', 'initSync', 'default']) {
    assert.equal(typeof m[name], 'function', `${entry}: ${name} is a function`);
  }
  const report = m.shim();
  assert.ok(report.shims.length > 0, `${entry}: the report lists the shims`);
  for (const { name, status } of report.shims) {
    assert.ok(status === 'unavailable' || status === 'disabled', `${entry}: ${name} is ${status} in Node`);
  }
  assert.equal(m.parseCandidate('candidate:1 1 udp 5 192.0.2.1 9 typ host').port, 9);
  assert.throws(() => m.parseCandidate('nonsense'), { name: 'SyntaxError' });
  assert.equal(m.browserDetails().engine, 'unknown');
  const helpers = ['sendWithBackpressure', 'playDtmf', 'getStats'].filter((h) => typeof m[h] === 'function');
  assert.deepEqual(helpers, entry === 'wasm-rtc' ? ['sendWithBackpressure', 'playDtmf', 'getStats'] : []);
  console.log(`ok: require('${entry}'): ${Object.keys(m).join(', ')}; shim() -> ${report.shims.length} shims unavailable/disabled`);
}
