// Opt-in: the legacy callback signatures over the promise forms (see legacy_callbacks.rs).
import { wrapMethod } from './glue.js';

// [method, index of the success callback]
const METHODS = [['createOffer', 0], ['createAnswer', 0], ['setLocalDescription', 1], ['setRemoteDescription', 1], ['addIceCandidate', 1]];

export function legacyCallbacks(proto) {
  for (const [method, at] of METHODS) {
    wrapMethod(proto, method, (pc, native, args) => {
      const success = args[at];
      if (typeof success !== 'function') return Reflect.apply(native, pc, args);
      const failure = args[at + 1];
      // The promise form takes the description or candidate first, or the options last.
      return Promise.resolve(Reflect.apply(native, pc, [args[at ? 0 : 2]]))
        .then(success, typeof failure === 'function' ? failure : undefined)
        .then(() => {}); // like the browser's own legacy forms: a promise of undefined
    });
  }
}
