// getStats() on a closed connection resolves to an empty report (see get_stats.rs).
import { read, wrapMethod } from './glue.js';

export function getStats(proto) {
  wrapMethod(proto, 'getStats', (pc, native, args) =>
    read(pc, 'signalingState') === 'closed' ? Promise.resolve(new Map()) : Reflect.apply(native, pc, args),
  );
}
