// Type-checked, never run: the declarations are complete and say what the README says.
import init, { browserDetails, getStats, parseCandidate, playDtmf, sendWithBackpressure, shim } from 'wasm-rtc';
import type { BrowserDetails, CandidateFields, ShimOptions, ShimReport, ShimStatus, Stats, UnknownStats } from 'wasm-rtc';
import initShim, { shim as shimOnly, shimSettled } from 'wasm-rtc/shim';

export async function usage(pc: RTCPeerConnection, channel: RTCDataChannel, sender: RTCRtpSender): Promise<void> {
  await init();
  await initShim();
  const options: ShimOptions = { getStats: false, legacyGetUserMedia: true };
  const report: ShimReport = shim(options);
  const statuses: ShimStatus[] = report.shims.map((entry) => entry.status);
  const second: ShimReport = shimOnly();
  const settled: ShimReport = await shimSettled({ legacyConstraints: true });
  const pending: boolean = settled.shims.some((entry) => entry.status === 'pending');
  shim();
  const details: BrowserDetails = browserDetails();
  const version: number | null = details.version;
  const fields: CandidateFields = parseCandidate('candidate:1 1 udp 5 192.0.2.1 9 typ host');
  const port: number = fields.port;
  const related: string | null = fields.relatedAddress;
  await sendWithBackpressure(channel, new Uint8Array(8), { high: 1 << 20, low: 1 << 18 });
  await sendWithBackpressure(channel, 'text');
  await playDtmf(sender, '123#');
  await playDtmf(sender.dtmf!, '1', 100, 70);
  const stats: Map<string, Stats> = await getStats(pc);
  for (const entry of stats.values()) {
    const id: string = entry.id;
    const type: string = entry.type;
    // `type` discriminates the union: the typed members of that stats dictionary.
    if (entry.type === 'candidate-pair') {
      const rtt: number | undefined = entry.currentRoundTripTime;
      const nominated: boolean | undefined = entry.nominated;
      void [rtt, nominated];
    }
    if (entry.type === 'data-channel') {
      const state: 'connecting' | 'open' | 'closing' | 'closed' | undefined = entry.state;
      void state;
    }
    const other: unknown = entry['googSomethingOld'];
    void [id, type, other];
  }
  const unknown = [...stats.values()] as unknown[] as UnknownStats[];
  void [statuses, second, settled, pending, version, port, related, unknown];
}
