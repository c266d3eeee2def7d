// The shim case: each measurement in a new iframe (a fresh document, modules not yet evaluated;
// the HTTP cache is warm after the first, every file revalidated: Cache-Control no-cache),
// adapter.js, wasm-rtc/shim (ES module + .wasm) and the classic script/shim.js interleaved.

/** One measurement of `which` ('adapter', 'wasm-rtc' or 'script'): the frame's posted timings. */
function measureOnce(which) {
  return new Promise((resolve, reject) => {
    const frame = document.createElement('iframe');
    const timer = setTimeout(() => { frame.remove(); reject(new Error(`shim frame ${which} timed out`)); }, 30000);
    const onMessage = (event) => {
      if (event.source !== frame.contentWindow || !event.data.shimTiming) return;
      window.removeEventListener('message', onMessage);
      clearTimeout(timer);
      frame.remove();
      const timing = event.data.shimTiming;
      timing.error ? reject(new Error(`${which}: ${timing.error}`)) : resolve(timing);
    };
    window.addEventListener('message', onMessage);
    frame.src = `/bench/shim_frame.html?${which}`;
    document.body.append(frame);
  });
}

/** `rounds` measurements of each, rotating which goes first: {adapter: [...], 'wasm-rtc': [...], script: [...]}. */
export async function measureShims(rounds) {
  const contenders = ['adapter', 'wasm-rtc', 'script'];
  const samples = Object.fromEntries(contenders.map((c) => [c, []]));
  for (let round = 0; round < rounds; round++) {
    const order = contenders.map((_, i) => contenders[(i + round) % contenders.length]);
    for (const which of order) samples[which].push(await measureOnce(which));
  }
  return samples;
}
