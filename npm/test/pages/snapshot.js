// Classic script, loaded before anything of wasm-rtc: what the page's globals look like, to show
// that importing (and initialising) the package changes none of them.
'use strict';

// Every interface the shims may touch: the functions on it and its prototype, and whether each
// is still the browser's own ([native code]).
const WASM_RTC_TEST_INTERFACES = [
  'RTCPeerConnection', 'RTCDataChannel', 'RTCIceCandidate', 'RTCSessionDescription', 'RTCRtpSender',
  'RTCRtpReceiver', 'RTCRtpTransceiver', 'RTCSctpTransport', 'RTCDTMFSender', 'MediaDevices',
  'MediaStream', 'MediaStreamTrack', 'Navigator', 'EventTarget', 'Event',
];

// Globals a WebDriver adds by itself while it polls the page (chromedriver's script atoms leave
// `ret_nodes` behind): not the package's doing.
const WASM_RTC_TEST_DRIVER_GLOBALS = ['ret_nodes'];

function wasmRtcTestSnapshot() {
  const isNative = (f) => /\{\s*\[native code\]\s*\}\s*$/.test(Function.prototype.toString.call(f));
  const functions = {};
  const record = (label, target) => {
    for (const key of Reflect.ownKeys(target)) {
      const descriptor = Object.getOwnPropertyDescriptor(target, key);
      for (const part of ['value', 'get', 'set']) {
        if (typeof descriptor[part] === 'function') functions[`${label}.${String(key)}.${part}`] = isNative(descriptor[part]);
      }
      if (!('value' in descriptor) || typeof descriptor.value !== 'function') functions[`${label}.${String(key)}`] = 'present';
    }
  };
  for (const name of WASM_RTC_TEST_INTERFACES) {
    const constructor = window[name];
    if (typeof constructor !== 'function') continue;
    record(name, constructor);
    record(`${name}.prototype`, constructor.prototype);
  }
  record('navigator', navigator);
  if (navigator.mediaDevices) record('navigator.mediaDevices', navigator.mediaDevices);
  return {
    globals: Object.getOwnPropertyNames(window).filter((g) => !WASM_RTC_TEST_DRIVER_GLOBALS.includes(g)).sort(),
    symbols: Object.getOwnPropertySymbols(window).map(String).sort(),
    functions,
  };
}

// The differences between two snapshots, as readable lines (empty: nothing changed).
function wasmRtcTestDiff(before, after) {
  const lines = [];
  const added = after.globals.filter((g) => !before.globals.includes(g));
  const removed = before.globals.filter((g) => !after.globals.includes(g));
  if (added.length) lines.push(`globals added: ${added.join(', ')}`);
  if (removed.length) lines.push(`globals removed: ${removed.join(', ')}`);
  if (before.symbols.join() !== after.symbols.join()) lines.push(`global symbols: ${before.symbols} -> ${after.symbols}`);
  const keys = new Set([...Object.keys(before.functions), ...Object.keys(after.functions)]);
  for (const key of keys) {
    if (before.functions[key] !== after.functions[key]) lines.push(`${key}: ${before.functions[key]} -> ${after.functions[key]}`);
  }
  return lines;
}

// The page's verdict, where the driver reads it: the title.
function wasmRtcTestVerdict(ok, detail) {
  document.title = `${ok ? 'PASS' : 'FAIL'}: ${detail}`;
  const out = document.getElementById('log');
  if (out) out.textContent += `\n${document.title}\n`;
}
