// Type-checked, never run: the CommonJS declarations (require condition, .d.cts).
import m = require('wasm-rtc');
import s = require('wasm-rtc/shim');

export function usage(): void {
  const report: m.ShimReport = m.shim({ getStats: false });
  const fields: s.CandidateFields = s.parseCandidate('candidate:1 1 udp 5 192.0.2.1 9 typ host');
  void [report, fields];
}
