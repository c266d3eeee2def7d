// Entry of the CommonJS build (index.cjs, shim/index.cjs), bundled by esbuild
// (scripts/build-npm.sh): the wasm is inlined as base64 and instantiated synchronously on the
// first require(), so `const { shim } = require('wasm-rtc')` is ready at once, in Node and in
// bundlers alike, with no file to fetch. Nothing is patched until shim() is called.
// `init` stays exported (as `default`) so code written for the ES module runs unchanged: it
// resolves at once.
import init, { initSync } from 'wasm-rtc-glue';
import wasm from 'wasm-rtc-wasm';

initSync({ module: wasm });

export * from 'wasm-rtc-glue';
export default init;
