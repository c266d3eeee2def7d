// Node, ES module: `import init, { shim } from 'wasm-rtc'` as documented (the `node` condition:
// the wasm is inlined, so init() has nothing to fetch and resolves at once).
import assert from 'node:assert/strict';
import init, { shim, parseCandidate } from 'wasm-rtc';
import initShim, { shim as shimOnly, shimSettled } from 'wasm-rtc/shim';

await init();
await initShim();
assert.ok(shim().shims.every((s) => s.status === 'unavailable' || s.status === 'disabled'));
assert.ok(shimOnly().shims.length > 0);
assert.ok((await shimSettled()).shims.every((s) => s.status === 'unavailable' || s.status === 'disabled'));
assert.equal(parseCandidate('candidate:1 1 tcp 5 192.0.2.1 9 typ host tcptype passive').tcpType, 'passive');
console.log("ok: import init, { shim } from 'wasm-rtc' and from 'wasm-rtc/shim' in Node");
