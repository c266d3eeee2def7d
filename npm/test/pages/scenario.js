// Standard-API scenarios, written to the spec with no wasm-rtc in sight, run after shim(): they
// must pass in every browser with the shim installed. Plus the package's own helpers.

export function log(line) {
  const out = document.getElementById('log');
  if (out) out.textContent += `${line}\n`;
}

export function check(condition, what) {
  if (!condition) throw new Error(`check failed: ${what}`);
  log(`ok: ${what}`);
}

const timeout = (ms, what) =>
  new Promise((_, reject) => setTimeout(() => reject(new Error(`timed out after ${ms} ms: ${what}`)), ms));
const within = (promise, ms, what) => Promise.race([promise, timeout(ms, what)]);
const once = (target, event) => new Promise((resolve) => target.addEventListener(event, resolve, { once: true }));

async function gathered(pc) {
  if (pc.iceGatheringState === 'complete') return;
  await within(new Promise((resolve) => {
    pc.addEventListener('icegatheringstatechange', () => pc.iceGatheringState === 'complete' && resolve());
  }), 10000, 'ICE gathering');
}

// Two peers in one page, connected with promises only (no trickle: each side's description
// carries its candidates); `setup(pc1)` adds channels or tracks before the offer.
export async function connect(setup = () => {}) {
  const pc1 = new RTCPeerConnection();
  const pc2 = new RTCPeerConnection();
  setup(pc1, pc2);
  await pc1.setLocalDescription(); // parameterless: the browser makes the offer
  check(pc1.localDescription && pc1.localDescription.type === 'offer', 'parameterless setLocalDescription() made an offer');
  await gathered(pc1);
  await pc2.setRemoteDescription(pc1.localDescription);
  await pc2.setLocalDescription();
  check(pc2.localDescription.type === 'answer', 'parameterless setLocalDescription() made an answer');
  await gathered(pc2);
  await pc1.setRemoteDescription(pc2.localDescription);
  // End-of-candidates in all its spellings resolves once there is a remote description.
  await pc1.addIceCandidate(null);
  await pc2.addIceCandidate();
  await pc2.addIceCandidate({ candidate: '', sdpMid: '0' });
  log('ok: addIceCandidate(null), addIceCandidate(), addIceCandidate({candidate: ""}) resolved');
  await within(Promise.all([pc1, pc2].map((pc) => new Promise((resolve, reject) => {
    const state = () => {
      if (pc.connectionState === 'connected') resolve();
      if (pc.connectionState === 'failed') reject(new Error('connectionState failed'));
    };
    pc.addEventListener('connectionstatechange', state);
    state();
  }))), 15000, 'connectionState connected');
  log('ok: both connectionStates are "connected"');
  return [pc1, pc2];
}

export async function standardScenario() {
  let remote;
  const [pc1, pc2] = await connect((a, b) => {
    a.channel = a.createDataChannel('chat');
    remote = new Promise((resolve) => b.addEventListener('datachannel', (e) => resolve(e.channel), { once: true }));
  });
  const channel = pc1.channel;
  if (channel.readyState !== 'open') await within(once(channel, 'open'), 10000, 'channel open');
  const incoming = await within(remote, 10000, 'datachannel event');
  const message = new Promise((resolve) => incoming.addEventListener('message', (e) => resolve(e.data), { once: true }));
  channel.send('hello over the shim');
  check((await within(message, 10000, 'message')) === 'hello over the shim', 'a data-channel message arrived');
  check(pc1.sctp && pc1.sctp.maxMessageSize > 0, `sctp.maxMessageSize is ${pc1.sctp && pc1.sctp.maxMessageSize}`);
  const [candidate] = [...(await pc1.getStats()).values()].filter((s) => s.type === 'local-candidate');
  check(candidate !== undefined, 'getStats() lists a local candidate');
  const stats = await pc1.getStats();
  check(stats.size > 0, `getStats() before close has ${stats.size} entries`);
  pc1.close();
  pc2.close();
  const closed = await pc1.getStats();
  check(typeof closed.forEach === 'function', `getStats() after close resolves (${closed.size} entries)`);
}

// A synthetic audio track (WebAudio oscillator): no microphone needed.
function tone() {
  const context = new AudioContext();
  const oscillator = context.createOscillator();
  const destination = context.createMediaStreamDestination();
  oscillator.connect(destination);
  oscillator.start();
  const [track] = destination.stream.getAudioTracks();
  return { track, stream: destination.stream, stop: () => { track.stop(); context.close(); } };
}

// The package's helpers for JavaScript, on a real connection.
export async function helpersScenario(m) {
  // parseCandidate
  const fields = m.parseCandidate('candidate:1 1 udp 2122260223 192.0.2.7 54400 typ srflx raddr 10.0.0.1 rport 9 generation 0');
  check(fields.port === 54400 && fields.type === 'srflx' && fields.relatedPort === 9 && fields.tcpType === null,
    'parseCandidate gives the fields');
  check(JSON.stringify(fields.extensions) === '[["generation","0"]]', 'parseCandidate keeps extensions');
  let error;
  try { m.parseCandidate('candidate:garbage'); } catch (e) { error = e; }
  check(error && error.name === 'SyntaxError', `parseCandidate throws a SyntaxError (${error && error.message})`);

  const audio = tone();
  let remote;
  const [pc1, pc2] = await connect((a, b) => {
    a.sender = a.addTrack(audio.track, audio.stream);
    a.channel = a.createDataChannel('bulk');
    remote = new Promise((resolve) => b.addEventListener('datachannel', (e) => resolve(e.channel), { once: true }));
  });

  // sendWithBackpressure: 4 MiB in 64 KiB chunks, never more than `high` + a chunk buffered.
  const channel = pc1.channel;
  const incoming = await within(remote, 10000, 'datachannel event');
  incoming.binaryType = 'arraybuffer';
  const chunk = new Uint8Array(64 * 1024);
  const total = 64 * chunk.length;
  let received = 0;
  const all = new Promise((resolve) => incoming.addEventListener('message', (e) => {
    received += e.data.byteLength;
    if (received >= total) resolve();
  }));
  let peak = 0;
  const high = 256 * 1024;
  for (let i = 0; i < 64; i++) {
    await m.sendWithBackpressure(channel, chunk, { high, low: 64 * 1024 });
    peak = Math.max(peak, channel.bufferedAmount);
  }
  await within(all, 20000, 'all chunks received');
  check(received === total, `sendWithBackpressure delivered ${received} bytes`);
  check(peak <= high + chunk.length, `bufferedAmount stayed at most high + one chunk (peak ${peak})`);
  check(channel.readyState === 'open', 'sendWithBackpressure left the channel open');
  check(channel.bufferedAmountLowThreshold === 64 * 1024, 'bufferedAmountLowThreshold is the given low');

  // getStats: typed, a Map of plain objects
  const report = await m.getStats(pc1);
  check(report instanceof Map && report.size > 0, `getStats(pc) is a Map of ${report.size} entries`);
  const pc = [...report.values()].find((s) => s.type === 'peer-connection');
  check(pc && Object.getPrototypeOf(pc) === Object.prototype && typeof pc.timestamp === 'number', 'a peer-connection entry, a plain object');
  const senderStats = await m.getStats(pc1.sender);
  check([...senderStats.values()].some((s) => s.type === 'outbound-rtp'), 'getStats(sender) has outbound-rtp');
  let wrong;
  try { await m.getStats({}); } catch (e) { wrong = e; }
  check(wrong && wrong.name === 'TypeError', 'getStats({}) rejects with a TypeError');

  // playDtmf: resolves once the tones have played
  const tones = [];
  pc1.sender.dtmf.addEventListener('tonechange', (e) => tones.push(e.tone));
  const started = performance.now();
  await within(m.playDtmf(pc1.sender, '12', 60, 40), 10000, 'playDtmf');
  check(tones.join(',') === '1,2,', `playDtmf resolved after the tones played (tonechange ${JSON.stringify(tones)}, ${Math.round(performance.now() - started)} ms)`);
  let bad;
  try { await m.playDtmf(pc1.sender, '1X'); } catch (e) { bad = e; }
  check(bad && bad.name === 'InvalidCharacterError', 'playDtmf rejects a non-tone with InvalidCharacterError');

  audio.stop();
  log(`channel.readyState before close: ${channel.readyState}`);
  pc1.close();
  log(`channel.readyState after close: ${channel.readyState}`);
  pc2.close();
  check((await m.getStats(pc1)).size === 0, 'getStats(pc) after close is an empty Map');
  if (channel.readyState !== 'closed') await within(once(channel, 'close'), 10000, 'channel close');
  let closedSend;
  try { await m.sendWithBackpressure(channel, 'late'); } catch (e) { closedSend = e; }
  check(closedSend && closedSend.name === 'InvalidStateError', `sendWithBackpressure on a closed channel rejects (${closedSend && closedSend.name})`);
}
