// The raw JavaScript contender, written the way MDN recommends: RTCPeerConnection and
// RTCDataChannel directly, back-pressure with bufferedAmountLowThreshold + bufferedamountlow.
// Its gzip size is the "bundle" of raw JS. Also makes the channel pairs of the contenders that
// take the browser's own channels (raw web-sys, the npm package's JS helper).

/** Back-pressure thresholds shared by every contender: wait above HIGH, resume at LOW. */
export const HIGH = 1024 * 1024;
export const LOW = 256 * 1024;
const CONFIG = { iceServers: [] };

const opened = (channel) => channel.readyState === 'open' ? Promise.resolve()
  : new Promise((resolve, reject) => {
    channel.addEventListener('open', resolve, { once: true });
    channel.addEventListener('close', () => reject(new Error('channel closed')), { once: true });
  });

/** Two connected peers and the open channel between them: {a, b, tx, rx, close()}. */
export async function connect() {
  const a = new RTCPeerConnection(CONFIG), b = new RTCPeerConnection(CONFIG);
  a.onicecandidate = (e) => b.addIceCandidate(e.candidate).catch(() => {});
  b.onicecandidate = (e) => a.addIceCandidate(e.candidate).catch(() => {});
  const remote = new Promise((resolve) => { b.ondatachannel = (e) => resolve(e.channel); });
  const tx = a.createDataChannel('bench');
  await a.setLocalDescription();
  await b.setRemoteDescription(a.localDescription);
  await b.setLocalDescription();
  await a.setRemoteDescription(b.localDescription);
  const rx = await remote;
  await Promise.all([opened(tx), opened(rx)]);
  tx.binaryType = rx.binaryType = 'arraybuffer';
  return { a, b, tx, rx, close() { a.close(); b.close(); } };
}

/**
 * From `new RTCPeerConnection` until the offerer's channel is open, in milliseconds per step
 * (SETUP_STEPS); then closes both.
 */
export async function setup() {
  const t = [performance.now()];
  const a = new RTCPeerConnection(CONFIG), b = new RTCPeerConnection(CONFIG);
  a.onicecandidate = (e) => b.addIceCandidate(e.candidate).catch(() => {});
  b.onicecandidate = (e) => a.addIceCandidate(e.candidate).catch(() => {});
  const tx = a.createDataChannel('setup');
  t.push(performance.now());
  await a.setLocalDescription();
  t.push(performance.now());
  await b.setRemoteDescription(a.localDescription);
  t.push(performance.now());
  await b.setLocalDescription();
  t.push(performance.now());
  await a.setRemoteDescription(b.localDescription);
  t.push(performance.now());
  await opened(tx);
  t.push(performance.now());
  a.close();
  b.close();
  return t.slice(1).map((end, i) => end - t[i]);
}

/** Counts the bytes `rx` receives; resolves once `total` have arrived. */
export function countBytes(rx, total) {
  let received = 0;
  return new Promise((resolve) => {
    rx.onmessage = (e) => {
      received += e.data.byteLength;
      if (received >= total) {
        rx.onmessage = null;
        resolve(received);
      }
    };
  });
}

/** Sends `count` messages of `size` bytes with back-pressure; ms until all bytes arrived. */
export async function transfer({ tx, rx }, count, size) {
  const total = count * size;
  const arrived = countBytes(rx, total);
  const body = new Uint8Array(size).fill(0xa5).buffer;
  tx.bufferedAmountLowThreshold = LOW;
  const start = performance.now();
  for (let i = 0; i < count; i++) {
    while (tx.bufferedAmount > HIGH) {
      await new Promise((resolve) => { tx.onbufferedamountlow = resolve; });
    }
    tx.send(body);
  }
  const received = await arrived;
  const ms = performance.now() - start;
  if (received !== total) throw new Error(`raw JS: received ${received} of ${total} bytes`);
  return ms;
}

/** `count` round trips of `size` bytes (tx sends, rx echoes); each in microseconds. */
export async function pingPong({ tx, rx }, count, size) {
  rx.onmessage = (e) => rx.send(e.data);
  let pending = null, echoed = 0;
  tx.onmessage = (e) => { echoed += e.data.byteLength; pending(); };
  const body = new Uint8Array(size).fill(0x5a).buffer;
  const rtts = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    const echo = new Promise((resolve) => { pending = resolve; });
    const start = performance.now();
    tx.send(body);
    await echo;
    rtts[i] = (performance.now() - start) * 1000;
  }
  tx.onmessage = rx.onmessage = null;
  if (echoed !== count * size) throw new Error(`raw JS: ${echoed} of ${count * size} echoed bytes`);
  return rtts;
}
