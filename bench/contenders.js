// The contenders, one uniform shape each: { name, connect(), transfer(pair, count, size),
// pingPong(pair, count, size), setup() } — a missing method means the case does not apply.
import * as raw from './raw.js';
import * as simplePeer from './simple_peer.js';
import * as perMessage from './per_message.js';
import initBench, {
  Pair, websysTransfer, websysPingPong, websysSetup, sinkStreamSetup, breakdownTransfer, SyntheticReceiver, websysSendBurst,
} from './pkg/wasm_rtc_bench.js';
import initNpm, { sendWithBackpressure } from '/target/npm/wasm-rtc/index.js';

/** Loads the two wasm modules (the bench crate and the npm package). */
export async function load() {
  await Promise.all([initBench(), initNpm()]);
}

/** The npm package's JS helper: raw JS receiving, `await sendWithBackpressure()` per message. */
async function helperTransfer({ tx, rx }, count, size) {
  const total = count * size;
  const arrived = raw.countBytes(rx, total);
  const body = new Uint8Array(size).fill(0xa5).buffer;
  const options = { high: raw.HIGH, low: raw.LOW };
  const start = performance.now();
  for (let i = 0; i < count; i++) await sendWithBackpressure(tx, body, options);
  const received = await arrived;
  const ms = performance.now() - start;
  if (received !== total) throw new Error(`JS helper: received ${received} of ${total} bytes`);
  return ms;
}

/** A layer of the small-message breakdown (bench/src/breakdown.rs); layers 0–3 also receive synthetic events. */
const layer = (name, n) => ({
  name,
  connect: raw.connect,
  breakdown: ({ tx, rx }, count, size) => breakdownTransfer(tx, rx, count, size, n),
  receiveCost: n < 4 ? (count) => perMessage.receiveCost((channel, total) => new SyntheticReceiver(channel, total, n), count) : undefined,
});

export const CONTENDERS = [
  {
    name: 'raw JS',
    connect: raw.connect,
    transfer: raw.transfer,
    breakdown: raw.transfer,
    pingPong: raw.pingPong,
    setup: raw.setup,
    receiveCost: (count) => perMessage.receiveCost(perMessage.rawReceiver, count),
    sendCost: (pair) => perMessage.sendCost(perMessage.burstOf(pair, perMessage.rawSend)),
  },
  // What awaiting each message costs in JavaScript itself: receiving through a microtask, and
  // sending with `await` on each send (the npm helper's pattern, with nothing to wait for).
  {
    name: 'raw JS + a microtask per message',
    connect: raw.connect,
    receiveCost: (count) => perMessage.receiveCost(perMessage.rawMicrotaskReceiver, count),
    sendCost: (pair) => perMessage.sendCost(perMessage.burstOf(pair, perMessage.awaited(perMessage.rawSendOne))),
  },
  {
    name: 'raw web-sys (Rust)',
    connect: raw.connect,
    sendCost: (pair) => perMessage.sendCost(perMessage.burstOf(pair, async (tx) => websysSendBurst(tx, perMessage.BURST, perMessage.SIZE))),
    transfer: ({ tx, rx }, count, size) => websysTransfer(tx, rx, count, size),
    pingPong: ({ tx, rx }, count, size) => websysPingPong(tx, rx, count, size),
    setup: websysSetup,
  },
  {
    name: 'wasm-rtc Sink/Stream (Rust)',
    connect: () => Pair.connect(),
    transfer: (pair, count, size) => pair.transfer(count, size),
    breakdown: (pair, count, size) => pair.transfer(count, size),
    pingPong: (pair, count, size) => pair.ping_pong(count, size),
    setup: sinkStreamSetup,
    sendCost: (pair) => perMessage.sendCost(() => pair.send_burst(perMessage.BURST, perMessage.SIZE, 0)),
  },
  {
    name: 'wasm-rtc send_now (Rust)',
    connect: () => Pair.connect(),
    sendCost: (pair) => perMessage.sendCost(() => pair.send_burst(perMessage.BURST, perMessage.SIZE, 1)),
  },
  // The small-message breakdown only: raw web-sys with one of wasm-rtc's layers at a time.
  layer('0 raw web-sys: count ArrayBuffer bytes', 0),
  layer('1 + copy each into a Vec', 1),
  layer('2 + queue, wake a task per message', 2),
  layer('3 wasm-rtc Stream receiving', 3),
  layer('4 wasm-rtc Sink sending', 4),
  {
    name: 'wasm-rtc JS helper',
    connect: raw.connect,
    transfer: helperTransfer,
    sendCost: (pair) => perMessage.sendCost(perMessage.burstOf(pair, perMessage.awaited((tx, body) => sendWithBackpressure(tx, body, { high: raw.HIGH, low: raw.LOW })))),
  },
  {
    name: 'simple-peer',
    connect: simplePeer.connect,
    transfer: simplePeer.transfer,
    pingPong: simplePeer.pingPong,
    setup: simplePeer.setup,
  },
];
