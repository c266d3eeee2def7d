// Parameterless setLocalDescription() (see set_local_description.rs).
import { read, wrapMethod } from './glue.js';

export function setLocalDescription(proto) {
  wrapMethod(proto, 'setLocalDescription', (pc, native, args) => {
    if (read(args[0], 'type') != null) return Reflect.apply(native, pc, args);
    const state = read(pc, 'signalingState');
    const create = state === 'have-remote-offer' || state === 'have-local-pranswer' ? 'createAnswer' : 'createOffer';
    // Made, then set, from a microtask on: errors reject.
    return Promise.resolve()
      .then(() => pc[create]())
      .then((description) => Reflect.apply(native, pc, [description]));
  });
}
