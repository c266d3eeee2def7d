// connectionState and connectionstatechange, derived from iceConnectionState (see
// connection_state.rs).
import { defineAccessor, dispatch, eventHandlerAttribute, eventTarget, listenOnce, mark, read, wrapMethod } from './glue.js';

const DERIVED = { __proto__: null, checking: 'connecting', connected: 'connected', completed: 'connected', disconnected: 'disconnected', failed: 'failed', closed: 'closed' };

// connectionState for the connection's iceConnectionState.
export const current = (pc) => DERIVED[read(pc, 'iceConnectionState')] || 'new';

// Where each connection keeps the derived state it last announced.
const LAST = mark('connection-state-last');

// Dispatches connectionstatechange on the event's connection when its derived state changed.
function onIceConnectionStateChange(event) {
  const pc = eventTarget(event);
  const now = current(pc);
  if (pc[LAST] !== now) {
    Reflect.set(pc, LAST, now);
    dispatch(pc, 'connectionstatechange', {});
  }
}

export function connectionState(proto) {
  defineAccessor(proto, 'connectionState', current);
  eventHandlerAttribute(proto, 'connectionstatechange');
  // ICE starts with a description: hook each connection at its first one.
  for (const method of ['setLocalDescription', 'setRemoteDescription']) {
    if (proto[method] == null) continue;
    wrapMethod(proto, method, (pc, native, args) => {
      try {
        if (!(LAST in pc)) Reflect.set(pc, LAST, current(pc));
      } catch (_) {}
      listenOnce(pc, 'connection-state', 'iceconnectionstatechange', onIceConnectionStateChange);
      return Reflect.apply(native, pc, args);
    });
  }
}
