// Classic script, loaded before anything of wasm-rtc: what the page's globals and every WebRTC and
// media-capture member look like, to show that importing, initialising and installing the
// package change none of them (or exactly what they should). The Rust shim test evaluates this
// same file (tests/shim.rs), so there is one snapshot for both.
'use strict';

// Every interface of WebRTC and media capture a shim could touch.
const WASM_RTC_TEST_INTERFACES = [
  'RTCPeerConnection', 'RTCDataChannel', 'RTCIceCandidate', 'RTCSessionDescription', 'RTCRtpSender',
  'RTCRtpReceiver', 'RTCRtpTransceiver', 'RTCDtlsTransport', 'RTCIceTransport', 'RTCSctpTransport',
  'RTCDTMFSender', 'RTCDTMFToneChangeEvent', 'RTCTrackEvent', 'RTCPeerConnectionIceEvent',
  'RTCPeerConnectionIceErrorEvent', 'RTCDataChannelEvent', 'RTCCertificate', 'RTCStatsReport',
  'RTCError', 'RTCErrorEvent', 'MediaDevices', 'MediaStream', 'MediaStreamTrack', 'MediaStreamTrackEvent',
  'OverconstrainedError', 'Navigator', 'EventTarget', 'Event',
];

// Globals a WebDriver adds by itself while it polls the page (chromedriver's script atoms leave
// `ret_nodes` behind): not the package's doing.
const WASM_RTC_TEST_DRIVER_GLOBALS = ['ret_nodes'];

// Every own member (names and symbols) of each interface's constructor and prototype, of
// navigator and of navigator.mediaDevices, with its property descriptor; and the names of the
// global object's own properties.
function wasmRtcTestSnapshot() {
  const members = new Map();
  const record = (label, target) => {
    for (const key of Reflect.ownKeys(target)) {
      members.set(`${label}.${String(key)}`, Object.getOwnPropertyDescriptor(target, key));
    }
  };
  for (const name of WASM_RTC_TEST_INTERFACES) {
    const constructor = globalThis[name];
    if (typeof constructor !== 'function') continue;
    record(name, constructor);
    record(`${name}.prototype`, constructor.prototype);
  }
  record('navigator', navigator);
  if (navigator.mediaDevices) record('navigator.mediaDevices', navigator.mediaDevices);
  return {
    globals: Object.getOwnPropertyNames(globalThis).filter((g) => !WASM_RTC_TEST_DRIVER_GLOBALS.includes(g)).sort(),
    symbols: Object.getOwnPropertySymbols(globalThis).map(String).sort(),
    members,
  };
}

// Whether a function's source is the engine's own ("[native code]"); anything else is.
function wasmRtcTestLooksNative(f) {
  return typeof f !== 'function' || /\{\s*\[native code\]\s*\}\s*$/.test(Function.prototype.toString.call(f));
}

// The differences between two snapshots, one readable line each (empty: nothing changed): a
// member added, removed, replaced (not the same function or value), re-described (enumerable,
// writable, configurable), or no longer native-looking. It never throws: a member it cannot
// compare is itself a difference.
function wasmRtcTestDiff(before, after) {
  const lines = [];
  const added = after.globals.filter((g) => !before.globals.includes(g));
  const removed = before.globals.filter((g) => !after.globals.includes(g));
  if (added.length) lines.push(`globals added: ${added.join(', ')}`);
  if (removed.length) lines.push(`globals removed: ${removed.join(', ')}`);
  if (before.symbols.join() !== after.symbols.join()) lines.push(`global symbols: ${before.symbols} -> ${after.symbols}`);
  for (const key of new Set([...before.members.keys(), ...after.members.keys()])) {
    try {
      const was = before.members.get(key);
      const now = after.members.get(key);
      if (!was || !now) {
        lines.push(`${key}: ${was ? 'removed' : 'added'}`);
        continue;
      }
      for (const part of ['value', 'get', 'set', 'enumerable', 'writable', 'configurable']) {
        if (!Object.is(was[part], now[part])) lines.push(`${key}: ${part} changed`);
      }
      for (const part of ['value', 'get', 'set']) {
        if (!wasmRtcTestLooksNative(now[part])) lines.push(`${key}: ${part} no longer looks native`);
      }
    } catch (error) {
      lines.push(`${key}: could not compare (${String(error && error.name)})`);
    }
  }
  return lines;
}

// The page's verdict, where the driver reads it: the title.
function wasmRtcTestVerdict(ok, detail) {
  document.title = `${ok ? 'PASS' : 'FAIL'}: ${detail}`;
  const out = document.getElementById('log');
  if (out) out.textContent += `\n${document.title}\n`;
}
