// Entry of the classic-script build (script/shim.js), bundled by esbuild as an IIFE with the
// shim-only wasm inlined: `<script src=".../script/shim.js">` instantiates it synchronously and
// calls shim() before the page's next script runs — what adapter.js in a script tag does.
//
// Options go in a data attribute: <script src="shim.js" data-options='{"legacyGetUserMedia":true}'>.
// The report and the functions are on globalThis.wasmRtcShim ({ report, shim, browserDetails,
// parseCandidate }); a failure is logged, never thrown at the page.
import { browserDetails, initSync, parseCandidate, shim } from 'wasm-rtc-glue';
import wasm from 'wasm-rtc-wasm';

let report = null;
try {
  const script = typeof document === 'undefined' ? null : document.currentScript;
  const options = script && script.dataset.options ? JSON.parse(script.dataset.options) : undefined;
  initSync({ module: wasm });
  report = shim(options);
} catch (error) {
  console.error('wasm-rtc shim: not installed:', error);
}
globalThis.wasmRtcShim = Object.freeze({ report, shim, browserDetails, parseCandidate });
