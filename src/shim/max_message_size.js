// RTCPeerConnection.sctp.maxMessageSize, and RTCDataChannel.send() over it throwing TypeError
// with the channel left open (see max_message_size.rs).
import { defineAccessor, eventTarget, isObject, listenOnce, mark, read, wrapMethod } from './glue.js';

// sctp from the remote description. maxMessageSize is the crate's SDP reader (Rust): the limit
// a description announces, or null where it has no data channels.
export function sctp(proto, maxMessageSize) {
  const slot = mark('sctp');
  defineAccessor(proto, 'sctp', (pc) => {
    const sdp = read(read(pc, 'remoteDescription'), 'sdp');
    const size = maxMessageSize(typeof sdp === 'string' ? sdp : '');
    if (size == null) return null;
    // One object per connection, so that pc.sctp === pc.sctp.
    let sctp = read(pc, slot);
    if (!isObject(sctp)) {
      sctp = { transport: null, maxChannels: null };
      Reflect.set(pc, slot, sctp);
    }
    Reflect.set(sctp, 'maxMessageSize', size);
    Reflect.set(sctp, 'state', read(pc, 'iceConnectionState') === 'closed' ? 'closed' : 'connected');
    return sctp;
  });
}

// The connection a channel belongs to, recorded when it is created or announced.
const OWNER = mark('channel-owner');

const recordOwner = (event) => {
  const channel = event.channel;
  if (channel != null) Reflect.set(channel, OWNER, eventTarget(event));
};

// The size send(data) would put on the wire, if it is over limit. A string is measured in UTF-8
// only when its length alone cannot tell (between one and three bytes per UTF-16 code unit).
function sizeOver(data, limit) {
  let size;
  if (typeof data === 'string') {
    if (3 * data.length <= limit) return;
    try {
      size = new Blob([data]).size;
    } catch (_) {
      size = data.length;
    }
  } else {
    size = read(data, 'byteLength') ?? read(data, 'size');
    if (typeof size !== 'number') size = 0;
  }
  if (size > limit) return size;
}

export function dataChannelSendLimit(pcProto, dcProto) {
  wrapMethod(pcProto, 'createDataChannel', (pc, native, args) => {
    const channel = Reflect.apply(native, pc, args);
    Reflect.set(channel, OWNER, pc);
    return channel;
  });
  // Channels the remote side opens are announced after a remote description.
  if (pcProto.setRemoteDescription != null) {
    wrapMethod(pcProto, 'setRemoteDescription', (pc, native, args) => {
      listenOnce(pc, 'channel-owner', 'datachannel', recordOwner);
      return Reflect.apply(native, pc, args);
    });
  }
  wrapMethod(dcProto, 'send', (channel, native, args) => {
    const limit = read(read(read(channel, OWNER), 'sctp'), 'maxMessageSize');
    const size = typeof limit === 'number' && limit > 0 ? sizeOver(args[0], limit) : undefined;
    // The spec checks the state first: a channel that is not open is the browser's to refuse
    // (InvalidStateError). Read only for a message over the limit, off the common path.
    if (size !== undefined && read(channel, 'readyState') === 'open') {
      throw new TypeError(`RTCDataChannel.send: a message of ${Math.floor(size)} bytes is larger than maxMessageSize (${Math.floor(limit)} bytes)`);
    }
    return Reflect.apply(native, channel, args);
  });
}
