// What one small message costs the page's thread in each contender, without the network's
// noise (bench/src/per_message.rs says why and how). Receiving: synthetic `message` events on a
// channel of an unconnected RTCPeerConnection, one at a time with a microtask checkpoint after
// each (as the browser's own message tasks have), minus the same loop with no listener.
// Sending: bursts that stay below the high-water mark, so that no contender waits.
// Each sample is the fastest of REPEATS runs after an untimed warm-up: on this machine's shared
// cores a run is only ever slowed down by what else happens (GC, the browser's other threads).
import { HIGH, countBytes } from './raw.js';

/** The message of both measures: 100 bytes, as in the small-messages case. */
export const SIZE = 100;
/** Messages in one sending burst: 100 KB, a tenth of the high-water mark. */
export const BURST = 1000;
/** Timed runs per sample; the sample is the fastest. */
const REPEATS = 5;

/** The fastest of REPEATS runs of `run()` (milliseconds), after one untimed run. */
async function fastest(run) {
  await run();
  let best = Infinity;
  for (let i = 0; i < REPEATS; i++) best = Math.min(best, await run());
  return best;
}

/** `count` synthetic message events on `channel`, each followed by a microtask checkpoint. */
async function dispatchAll(channel, data, count) {
  const start = performance.now();
  for (let i = 0; i < count; i++) {
    channel.dispatchEvent(new MessageEvent('message', { data }));
    await null;
  }
  return performance.now() - start;
}

/**
 * Microseconds one message costs the receiver that `attach(channel, total)` puts on a channel
 * ({ done(): Promise of the byte count, free() }), over the bare dispatch loop; `count` events
 * a run.
 */
export async function receiveCost(attach, count) {
  const pc = new RTCPeerConnection();
  try {
    const data = new Uint8Array(SIZE).fill(0xa5).buffer;
    const bare = await fastest(() => dispatchAll(pc.createDataChannel('bare'), data, count));
    const received = await fastest(async () => {
      const channel = pc.createDataChannel('synthetic');
      const receiver = attach(channel, count * SIZE);
      const done = receiver.done();
      const ms = await dispatchAll(channel, data, count);
      const bytes = await done;
      receiver.free();
      if (bytes !== count * SIZE) throw new Error(`received ${bytes} of ${count * SIZE} bytes`);
      return ms;
    });
    return ((received - bare) * 1000) / count;
  } finally {
    pc.close();
  }
}

/** The raw JavaScript receiver: `onmessage` adds up `byteLength`. */
export function rawReceiver(channel, total) {
  let received = 0, resolve;
  const counted = new Promise((r) => { resolve = r; });
  channel.onmessage = (e) => {
    received += e.data.byteLength;
    if (received >= total) resolve(received);
  };
  return { done: () => counted, free() { channel.onmessage = null; } };
}

/**
 * The raw JavaScript receiver of an asynchronous consumer: `onmessage` queues the data and a
 * microtask counts it (what any consumer that awaits each message, a `for await` loop or a
 * Rust task, pays at least).
 */
export function rawMicrotaskReceiver(channel, total) {
  let received = 0, resolve;
  const counted = new Promise((r) => { resolve = r; });
  const queue = [];
  const count = () => {
    received += queue.shift().byteLength;
    if (received >= total) resolve(received);
  };
  channel.onmessage = (e) => {
    queue.push(e.data);
    queueMicrotask(count);
  };
  return { done: () => counted, free() { channel.onmessage = null; } };
}

/**
 * Microseconds per message sent by `burst()`, which sends BURST messages of SIZE bytes and
 * resolves with the milliseconds of the sending calls alone, once all have arrived.
 */
export async function sendCost(burst) {
  return ((await fastest(burst)) * 1000) / BURST;
}

/**
 * A burst on `pair` ({ tx, rx }, raw channels): `send(tx, body)` BURST times, timed (awaited if
 * it returns a promise: the npm helper), then raw JS counts the arrivals, untimed.
 */
export const burstOf = ({ tx, rx }, send) => async () => {
  const arrived = countBytes(rx, BURST * SIZE);
  const body = new Uint8Array(SIZE).fill(0xa5).buffer;
  const ms = await send(tx, body);
  if ((await arrived) !== BURST * SIZE) throw new Error('a burst did not arrive whole');
  return ms;
};

/** Times `send(tx, body)` awaited BURST times (the npm helper's way). */
export const awaited = (send) => async (tx, body) => {
  const start = performance.now();
  for (let i = 0; i < BURST; i++) await send(tx, body);
  return performance.now() - start;
};

/** The raw JavaScript sender: `bufferedAmount` checked, `send`, nothing awaited. */
export async function rawSend(tx, body) {
  const start = performance.now();
  for (let i = 0; i < BURST; i++) {
    if (tx.bufferedAmount > HIGH) throw new Error('the burst is larger than the high-water mark');
    tx.send(body);
  }
  return performance.now() - start;
}

/** One raw JavaScript send, `bufferedAmount` checked (awaited per message: `awaited(rawSendOne)`). */
export function rawSendOne(tx, body) {
  if (tx.bufferedAmount > HIGH) throw new Error('the burst is larger than the high-water mark');
  tx.send(body);
}
