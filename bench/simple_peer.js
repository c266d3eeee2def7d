// The simple-peer contender (npm simple-peer, its browser build simplepeer.min.js loaded as a
// classic script: the global SimplePeer), used the way its README shows: signal events wired
// to each other, `write()` + 'drain' for back-pressure (its Duplex stream), 'data' events.

const CONFIG = { iceServers: [] };
const once = (peer, event) => new Promise((resolve, reject) => {
  peer.once(event, resolve);
  peer.once('error', reject);
});

/** Two connected simple-peer peers: {a, b, close()}. */
export async function connect() {
  const a = new SimplePeer({ initiator: true, config: CONFIG });
  const b = new SimplePeer({ config: CONFIG });
  a.on('signal', (data) => b.signal(data));
  b.on('signal', (data) => a.signal(data));
  await Promise.all([once(a, 'connect'), once(b, 'connect')]);
  return { a, b, close() { a.destroy(); b.destroy(); } };
}

/** Milliseconds from `new SimplePeer` until the initiator's 'connect' (its channel is open). */
export async function setup() {
  const start = performance.now();
  const peers = await (async () => {
    const a = new SimplePeer({ initiator: true, config: CONFIG });
    const b = new SimplePeer({ config: CONFIG });
    a.on('signal', (data) => b.signal(data));
    b.on('signal', (data) => a.signal(data));
    await once(a, 'connect');
    return [a, b];
  })();
  const ms = performance.now() - start;
  peers.forEach((peer) => peer.destroy());
  return ms;
}

/** Writes `count` chunks of `size` bytes, waiting for 'drain'; ms until all bytes arrived. */
export async function transfer({ a, b }, count, size) {
  const total = count * size;
  let received = 0;
  const arrived = new Promise((resolve) => {
    b.on('data', (data) => {
      received += data.byteLength;
      if (received >= total) resolve();
    });
  });
  const body = new Uint8Array(size).fill(0xa5);
  const start = performance.now();
  for (let i = 0; i < count; i++) {
    if (!a.write(body)) await once(a, 'drain');
  }
  await arrived;
  const ms = performance.now() - start;
  b.removeAllListeners('data');
  if (received !== total) throw new Error(`simple-peer: received ${received} of ${total} bytes`);
  return ms;
}

/** `count` round trips of `size` bytes with `send()` and 'data'; each in microseconds. */
export async function pingPong({ a, b }, count, size) {
  b.on('data', (data) => b.send(data));
  let pending = null, echoed = 0;
  a.on('data', (data) => { echoed += data.byteLength; pending(); });
  const body = new Uint8Array(size).fill(0x5a);
  const rtts = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    const echo = new Promise((resolve) => { pending = resolve; });
    const start = performance.now();
    a.send(body);
    await echo;
    rtts[i] = (performance.now() - start) * 1000;
  }
  a.removeAllListeners('data');
  b.removeAllListeners('data');
  if (echoed !== count * size) throw new Error(`simple-peer: ${echoed} of ${count * size} echoed bytes`);
  return rtts;
}
