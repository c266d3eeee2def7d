// Entry of the classic-script build (script/shim.js), bundled by esbuild as an IIFE with the
// shim-only wasm inlined: `<script src=".../script/shim.js">` instantiates it synchronously and
// calls shim() before the page's next script runs — what adapter.js in a script tag does.
//
// Options go in a data attribute: <script src="shim.js" data-options='{"legacyGetUserMedia":true}'>.
// The report and the functions are on globalThis.wasmRtcShim ({ report, ready, shim,
// shimSettled, browserDetails, parseCandidate }); `ready` resolves to the report once every
// asynchronous probe has settled (`report` is then that report). A failure is logged, never
// thrown at the page.
//
// Engines that refuse to compile this much wasm synchronously on the main thread (Chromium
// before it raised the limit from 4 KB, some Android WebViews: a RangeError) get the shim
// installed as soon as the wasm compiles asynchronously — after the page's next scripts, said in
// a console warning. `ready` resolves with the report either way.
import init, { browserDetails, initSync, parseCandidate, shim, shimSettled } from 'wasm-rtc-glue';
import wasm from 'wasm-rtc-wasm';

let report = null;
let ready;
try {
  const script = typeof document === 'undefined' ? null : document.currentScript;
  const options = script && script.dataset.options ? JSON.parse(script.dataset.options) : undefined;
  try {
    initSync({ module: wasm });
    report = shim(options);
    ready = shimSettled(options).then((settled) => (report = settled));
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    console.warn('wasm-rtc shim: this browser compiles wasm only asynchronously here; the shim is installed after the page\'s next scripts:', error.message);
    ready = init({ module_or_path: wasm })
      .then(() => (report = shim(options)) && shimSettled(options))
      .then((settled) => (report = settled));
  }
} catch (error) {
  ready = Promise.reject(error);
}
ready.catch((error) => console.error('wasm-rtc shim: not installed:', error));
globalThis.wasmRtcShim = Object.freeze({
  get report() {
    return report;
  },
  ready,
  shim,
  shimSettled,
  browserDetails,
  parseCandidate,
});
