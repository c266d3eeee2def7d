// The benchmark's orchestration: every case runs every contender that applies, in the same page,
// interleaved (round-robin: each round starts one contender later), several rounds; the median
// and the ratio to the baseline (raw JS) are reported. Progress goes to document.title
// ("BENCH <case> …"); the end is "BENCH DONE" with the results in window.benchResults, or
// "BENCH FAIL: why". ?quick runs smaller sizes and one round (for iteration, not for figures).
import { CONTENDERS, load } from './contenders.js';
import { connect as rawConnect } from './raw.js';
import { measureShims } from './shim_case.js';
import { BURST } from './per_message.js';

const QUERY = new URLSearchParams(location.search);
const QUICK = QUERY.has('quick');
/** ?cases=small,latency runs only those (for profiling); all by default. */
const ONLY = QUERY.get('cases')?.split(',');
const wanted = (id) => !ONLY || ONLY.includes(id);
/** ?contenders=raw%20JS,simple-peer runs only those (for profiling); all by default. */
const ONLY_CONTENDERS = QUERY.get('contenders')?.split(',');
const MiB = 1024 * 1024;
const RUN_TIMEOUT_MS = 180000;
/** Idle time before each setup round (see the setup case). */
const SETUP_PAUSE_MS = 150;
/** The setup's steps, as the contenders that report them time them. */
const SETUP_STEPS = ['new ×2 + channel', 'offerer SLD', 'answerer SRD', 'answerer SLD', 'offerer SRD', 'until open'];
const P = QUICK
  ? { bulkBytes: 4 * MiB, small: 10000, pings: 200, synthetic: 2000, throughputRounds: 1, smallRounds: 1, latencyRounds: 1, perMessageRounds: 2, setupRounds: 5, shimRounds: 3 }
  : { bulkBytes: 64 * MiB, small: 100000, pings: 1000, synthetic: 10000, throughputRounds: 5, smallRounds: 9, latencyRounds: 5, perMessageRounds: 9, setupRounds: 50, shimRounds: 10 };
/** ?rounds=N: N rounds of every timed case but the shim's (a steadier median, for profiling). */
const ROUNDS = Number(QUERY.get('rounds')) || 0;
if (ROUNDS) Object.assign(P, { throughputRounds: ROUNDS, smallRounds: ROUNDS, latencyRounds: ROUNDS, perMessageRounds: ROUNDS, setupRounds: ROUNDS });

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b), m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const percentile = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};
const rotate = (xs, n) => xs.map((_, i) => xs[(i + n) % xs.length]);
const progress = (text) => { document.title = `BENCH ${text}`; document.querySelector('#status').textContent = text; };
const withTimeout = (promise, what) => Promise.race([promise, new Promise((_, reject) =>
  setTimeout(() => reject(new Error(`${what}: timed out after ${RUN_TIMEOUT_MS / 1000} s`)), RUN_TIMEOUT_MS))]);

/** The smallest step of performance.now() seen, in microseconds. */
function timerResolutionUs() {
  let smallest = Infinity, last = performance.now();
  for (let i = 0; i < 200000; i++) {
    const now = performance.now();
    if (now > last) { smallest = Math.min(smallest, now - last); last = now; }
  }
  return Math.round(smallest * 1000 * 100) / 100;
}

/** Runs `measure(contender, round)` for every contender that has `method`, interleaved. */
async function interleaved(caseId, method, rounds, measure) {
  const applicable = CONTENDERS.filter((c) => c[method] && (!ONLY_CONTENDERS || ONLY_CONTENDERS.includes(c.name)));
  const samples = new Map(applicable.map((c) => [c.name, { values: [], error: null }]));
  for (let round = 0; round < rounds; round++) {
    for (const contender of rotate(applicable, round % applicable.length)) {
      const slot = samples.get(contender.name);
      if (slot.error) continue;
      progress(`${caseId} round ${round + 1}/${rounds}: ${contender.name}`);
      try {
        slot.values.push(...[].concat(await withTimeout(measure(contender), `${contender.name} ${caseId}`)));
      } catch (error) {
        slot.error = String(error?.message ?? error);
        console.error(caseId, contender.name, error);
      }
    }
  }
  return samples;
}

/** One transfer on a fresh pair (connected, untimed), then closed. */
async function onFreshPair(contender, run) {
  const pair = await withTimeout(contender.connect(), `${contender.name} connect`);
  try { return await run(pair); } finally { pair.close(); }
}

/** A case's rows: value per contender (median of `toValue(samples)`), ratio to raw JS. */
function rows(samples, toValue, extra = () => ({})) {
  const out = [...samples].map(([name, { values, error }]) => ({
    contender: name,
    ...(error ? { error } : { value: toValue(values), samples: values.length, ...extra(values) }),
  }));
  const base = out.find((r) => r.contender === 'raw JS')?.value;
  for (const r of out) if (r.value !== undefined && base) r.ratio = r.value / base;
  return out;
}

async function throughputCase(id, title, unit, count, size, perSecond, refusal, rounds = P.throughputRounds, method = 'transfer') {
  if (refusal) return { id, title, unit, better: 'higher', refused: refusal, rows: [] };
  const samples = await interleaved(id, method, rounds,
    (c) => onFreshPair(c, (pair) => c[method](pair, count, size)));
  return { id, title, unit, better: 'higher', rows: rows(samples, (ms) => perSecond / (median(ms) / 1000), (ms) => ({ ms: ms.map((x) => Math.round(x)) })) };
}

async function main() {
  const environment = {
    userAgent: navigator.userAgent,
    crossOriginIsolated: self.crossOriginIsolated,
    timerResolutionUs: timerResolutionUs(),
    quick: QUICK,
    params: P,
  };
  if (!self.crossOriginIsolated) throw new Error('the page is not cross-origin isolated (COOP/COEP headers missing): timers too coarse');
  await load();
  const probe = await rawConnect();
  environment.maxMessageSize = probe.a.sctp?.maxMessageSize ?? null;
  probe.close();

  const cases = [];
  if (wanted('latency')) {
  const latency = await interleaved('latency', 'pingPong', P.latencyRounds, (c) => onFreshPair(c, async (pair) => {
    await c.pingPong(pair, 20, 32); // warm-up, not counted
    return Array.from(await c.pingPong(pair, P.pings, 32));
  }));
  cases.push({
    id: 'latency', title: `latency: ${P.pings.toLocaleString('en')} ping-pongs of 32 B (median RTT; p99)`, unit: 'µs', better: 'lower',
    rows: rows(latency, median, (us) => ({ p99: percentile(us, 99) })),
  });
  }
  if (wanted('setup')) {
  // A pause before each: the connections the last round closed are torn down in the background,
  // which would otherwise land on whichever contender runs next. A contender gives the total
  // milliseconds, or each of SETUP_STEPS' (wrapped: `interleaved` flattens one level).
  const setup = await interleaved('setup', 'setup', P.setupRounds, async (c) => {
    await new Promise((resolve) => setTimeout(resolve, SETUP_PAUSE_MS));
    const ms = await c.setup();
    return typeof ms === 'number' ? ms : [Array.from(ms)];
  });
  const total = (sample) => typeof sample === 'number' ? sample : sample.reduce((sum, ms) => sum + ms, 0);
  const stepMedians = (samples) => samples.every((s) => typeof s !== 'number')
    ? { steps: SETUP_STEPS.map((name, i) => [name, median(samples.map((s) => s[i]))]) } : {};
  cases.push({ id: 'setup', title: `setup: new RTCPeerConnection → channel open (${P.setupRounds} rounds)`, unit: 'ms', better: 'lower', rows: rows(setup, (samples) => median(samples.map(total)), stepMedians) });
  }

  const small = P.small;
  if (wanted('small')) cases.push(await throughputCase('small', `small messages: ${small.toLocaleString('en')} × 100 B`, 'msg/s', small, 100, small, null, P.smallRounds));
  // Where the small messages' time goes: one of wasm-rtc's layers at a time (bench/src/breakdown.rs).
  if (wanted('breakdown')) cases.push(await throughputCase('breakdown', `small messages, layer by layer: ${small.toLocaleString('en')} × 100 B`, 'msg/s', small, 100, small, null, P.smallRounds, 'breakdown'));
  // What one message costs the page's thread, without the network (bench/per_message.js).
  if (wanted('receive-cost')) {
    const samples = await interleaved('receive-cost', 'receiveCost', P.perMessageRounds, (c) => c.receiveCost(P.synthetic));
    cases.push({ id: 'receive-cost', title: `receiving a 100 B message, page thread only (synthetic events, ${P.synthetic.toLocaleString('en')} a run; fastest of 5 runs minus the bare dispatch's)`, unit: 'µs', better: 'lower', rows: rows(samples, median) });
  }
  if (wanted('send-cost')) {
    const samples = await interleaved('send-cost', 'sendCost', P.perMessageRounds, (c) => onFreshPair(c, (pair) => c.sendCost(pair)));
    cases.push({ id: 'send-cost', title: `sending a 100 B message, page thread only (bursts of ${BURST.toLocaleString('en')} that never wait; fastest of 5)`, unit: 'µs', better: 'lower', rows: rows(samples, median) });
  }
  for (const size of [16 * 1024, 256 * 1024].filter((size) => wanted(`bulk-${size / 1024}k`))) {
    const refusal = environment.maxMessageSize !== null && environment.maxMessageSize < size
      ? `the browser refuses ${size}-byte messages (maxMessageSize ${environment.maxMessageSize})` : null;
    cases.push(await throughputCase(`bulk-${size / 1024}k`, `bulk: ${P.bulkBytes / MiB} MiB in ${size / 1024} KiB messages`, 'MB/s',
      P.bulkBytes / size, size, P.bulkBytes / 1e6, refusal));
  }

  if (!wanted('shim')) return { environment, cases };
  progress('shim');
  const shim = await measureShims(P.shimRounds);
  const shimRow = (contender, timings) => {
    const detail = {};
    for (const key of ['importMs', 'instantiateMs', 'installMs', 'settleMs']) detail[key] = median(timings.map((t) => t[key]));
    return { contender, value: median(timings.map((t) => t.totalMs)), samples: timings.length, ...detail };
  };
  const shimRows = [
    shimRow('adapter.js (load + evaluate, shims on load)', shim.adapter),
    shimRow('wasm-rtc/shim (import + instantiate + shim() + probes settled)', shim['wasm-rtc']),
    shimRow('wasm-rtc script/shim.js (load + evaluate, shims on load + probes settled)', shim.script),
  ];
  for (const r of shimRows) r.ratio = r.value / shimRows[0].value;
  cases.push({ id: 'shim', title: `shim: time to a shimmed page (${P.shimRounds} fresh iframes each; ratio to adapter.js)`, unit: 'ms', better: 'lower', baseline: 'adapter.js', rows: shimRows });
  return { environment, cases };
}

main().then((results) => {
  window.benchResults = results;
  progress('DONE');
}, (error) => {
  console.error(error);
  progress(`FAIL: ${error?.message ?? error}`);
});
