// The legacy createOffer({offerToReceiveAudio, offerToReceiveVideo}) options as transceivers
// (see offer_to_receive.rs).
import { read, wrapMethod } from './glue.js';

// The direction that adds or removes receiving, per the spec's legacy section.
const RECEIVING = { __proto__: null, sendonly: 'sendrecv', inactive: 'recvonly' };
const NOT_RECEIVING = { __proto__: null, sendrecv: 'sendonly', recvonly: 'inactive' };

// Makes pc's transceivers of kind receive (or not, receive false; undefined leaves them),
// adding a recvonly one when none can. Also what PeerConnection::create_offer uses.
export function offerToReceiveKind(pc, kind, receive) {
  if (receive === undefined) return;
  let found = false;
  for (const transceiver of pc.getTransceivers()) {
    const direction = transceiver.direction;
    if (transceiver.receiver?.track?.kind !== kind || direction === 'stopped') continue;
    found = true;
    const wanted = (receive ? RECEIVING : NOT_RECEIVING)[direction];
    if (wanted) Reflect.set(transceiver, 'direction', wanted);
  }
  if (receive && !found) pc.addTransceiver(kind, { direction: 'recvonly' });
}

export function offerToReceive(proto) {
  wrapMethod(proto, 'createOffer', (pc, native, args) => {
    const options = args[0];
    const member = (name) => {
      const value = read(options, name);
      return value == null ? undefined : !!value;
    };
    const audio = member('offerToReceiveAudio');
    const video = member('offerToReceiveVideo');
    // The callback form (functions first) is the legacy shim's business, and a closed
    // connection the browser's to reject (InvalidStateError): both pass through.
    if ((audio === undefined && video === undefined) || typeof options === 'function' || read(pc, 'signalingState') === 'closed') {
      return Reflect.apply(native, pc, args);
    }
    try {
      offerToReceiveKind(pc, 'audio', audio);
      offerToReceiveKind(pc, 'video', video);
    } catch (error) {
      // createOffer reports failure by rejecting, never by throwing.
      return Promise.reject(error);
    }
    const rest = Object.assign({}, options);
    delete rest.offerToReceiveAudio;
    delete rest.offerToReceiveVideo;
    return Reflect.apply(native, pc, [rest]);
  });
}
