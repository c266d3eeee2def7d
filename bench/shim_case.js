// The shim case: each measurement in a new iframe (a fresh document, modules not yet evaluated;
// the HTTP cache is warm after the first), adapter.js and wasm-rtc/shim interleaved.

/** One measurement of `which` ('adapter' or 'wasm-rtc'): the frame's posted timings. */
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

/** `rounds` measurements of each, alternating which goes first: {adapter: [...], 'wasm-rtc': [...]}. */
export async function measureShims(rounds) {
  const samples = { adapter: [], 'wasm-rtc': [] };
  for (let round = 0; round < rounds; round++) {
    const order = round % 2 ? ['wasm-rtc', 'adapter'] : ['adapter', 'wasm-rtc'];
    for (const which of order) samples[which].push(await measureOnce(which));
  }
  return samples;
}
