import init, { shim } from 'wasm-rtc/shim';
import initFull, { getStats, parseCandidate } from 'wasm-rtc';

const log = (line) => { document.getElementById('log').textContent += `${line}\n`; };
try {
  await init();
  await initFull();
  const report = shim();
  log(JSON.stringify(report));
  if (!report.shims.length || report.shims.some((s) => s.status === 'failed')) throw new Error('bad report');
  if (parseCandidate('candidate:1 1 udp 5 192.0.2.1 9 typ host').port !== 9) throw new Error('parseCandidate');
  const pc = new RTCPeerConnection();
  pc.createDataChannel('x');
  await pc.setLocalDescription();
  const stats = await getStats(pc);
  if (!(stats instanceof Map)) throw new Error('getStats');
  pc.close();
  document.title = 'PASS: Vite app';
} catch (error) {
  log(error.stack || String(error));
  document.title = `FAIL: Vite app: ${error.message || error}`;
}
