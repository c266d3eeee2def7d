// addIceCandidate(null | undefined | {candidate: ''}) resolves (see add_ice_candidate.rs).
import { isObject, read, wrapMethod } from './glue.js';

export function addIceCandidate(proto) {
  wrapMethod(proto, 'addIceCandidate', (pc, native, args) => {
    const candidate = args[0];
    // End-of-candidates. What an old browser cannot take, it does not need: it ends gathering
    // by itself.
    if (candidate == null || read(candidate, 'candidate') === '' || (isObject(candidate) && read(candidate, 'candidate') == null)) {
      return Promise.resolve();
    }
    return Reflect.apply(native, pc, args);
  });
}
