// track events with track, streams, receiver and transceiver, and ontrack (see track_event.rs).
import { defineAccessor, dispatch, eventHandlerAttribute, eventTarget, listenOnce, read, wrapMethod } from './glue.js';

// The element of pc[list]() whose member is value, or a plain {[member]: value}.
function find(pc, list, member, value) {
  let all;
  try {
    all = pc[list]();
  } catch (_) {}
  return (Array.isArray(all) && all.find((item) => read(item, member) === value)) || { [member]: value };
}

// Announces each track of an addstream event's stream as a track event.
function announceTracks(event) {
  const pc = eventTarget(event);
  const stream = event.stream;
  if (stream == null) return;
  for (const track of stream.getTracks()) {
    const receiver = find(pc, 'getReceivers', 'track', track);
    dispatch(pc, 'track', { track, streams: [stream], receiver, transceiver: find(pc, 'getTransceivers', 'receiver', receiver) });
  }
}

// trackEventProto: RTCTrackEvent.prototype where it lacks transceiver, else undefined.
export function trackEvent(proto, withoutTrackEvent, trackEventProto) {
  if (withoutTrackEvent) {
    eventHandlerAttribute(proto, 'track');
    // Streams arrive after a remote description: hook each connection then.
    wrapMethod(proto, 'setRemoteDescription', (pc, native, args) => {
      listenOnce(pc, 'track-from-addstream', 'addstream', announceTracks);
      return Reflect.apply(native, pc, args);
    });
  }
  if (trackEventProto) {
    defineAccessor(trackEventProto, 'transceiver', (event) =>
      find(read(event, 'target'), 'getTransceivers', 'receiver', read(event, 'receiver') ?? null),
    );
  }
}
