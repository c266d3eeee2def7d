// The JavaScript of the shims: what runs inside the browser methods they patch, one section per
// concern (each named after its .rs file, which documents the browsers that need it), after the
// helpers they share; and, last, two hot paths: the npm package's `sendWithBackpressure`
// (src/js/wrappers.rs) and reading a data channel's messages (src/data_channel.rs).
//
// The division of labour: Rust installs — it reads the options, probes each API,
// decides, patches through these functions and reports — and parses (candidate lines, SDP, user
// agents; the parsers are handed to the functions here). The code inside a patched method is
// JavaScript because there it is a few dozen bytes where the same code compiled to wasm was ten
// times that (measured: see the README's size notes). It is one file, not one per concern:
// wasm-bindgen serves each `module = "…"` file to the page separately, and with thirteen of them
// wasm-bindgen-test-runner's page now and then never received one (the page stalled at "Loading
// scripts..." in headless Chrome), which would hit the tests of every crate that uses this one.

// ---- Shared helpers ----

// Reflect.get and Reflect.set with the key passed as text (see `get_property` and `set` in mod.rs).
export function getProperty(object, key) {
  return Reflect.get(object, key);
}
export function setProperty(object, key, value) {
  return Reflect.set(object, key, value);
}

// object[key], or undefined where reading it throws (a getter called on the wrong object).
export function read(object, key) {
  try {
    return object[key];
  } catch (_) {
    return undefined;
  }
}

// What the report says of a thrown value: "TypeError: message" for errors; never throws itself.
export function describe(error) {
  try {
    return String(error);
  } catch (_) {
    return Object.prototype.toString.call(error);
  }
}

export const isObject = (value) => typeof value === 'object' && value !== null;

// The registered symbol a shim keeps its per-object state under.
export const mark = (name) => Symbol.for('wasm-rtc.shim.' + name);

// The object on proto's chain that owns name (proto itself, or a prototype of it).
function ownerOf(proto, name) {
  for (let o = proto; o != null; o = Object.getPrototypeOf(o)) {
    if (Object.prototype.hasOwnProperty.call(o, name)) return o;
  }
}

// Replaces the method name, where it sits on proto's chain, with one that returns
// body(this, native, args): same name, length, writability and enumerability as the native
// one. A TypeError where there is no such method.
export function wrapMethod(proto, name, body) {
  const owner = ownerOf(proto, name);
  const descriptor = owner && Object.getOwnPropertyDescriptor(owner, name);
  const native = descriptor && descriptor.value;
  if (typeof native !== 'function') throw new TypeError(name + ' is not a method here');
  const wrapped = {
    [name](...args) {
      return body(this, native, args);
    },
  }[name];
  Object.defineProperty(wrapped, 'length', { value: native.length });
  Object.defineProperty(owner, name, Object.assign(descriptor, { value: wrapped }));
}

// Defines a getter proto[name] that returns get(this); a setter too, when given.
export function defineAccessor(proto, name, get, set) {
  Object.defineProperty(proto, name, {
    get() {
      return get(this);
    },
    set,
    configurable: true,
    enumerable: true,
  });
}

// Adds listener for event to target the first time hook sees target: for shims that set up
// listeners on a connection when it first negotiates (the constructor is never replaced). The
// listener is shared by every target and finds its own in event.currentTarget. A hook that
// cannot attach never stands in the way of the call that triggered it.
export function listenOnce(target, hook, event, listener) {
  try {
    const key = mark(hook);
    if (!target[key] && Reflect.defineProperty(target, key, { value: true })) {
      target.addEventListener(event, listener);
    }
  } catch (_) {}
}

// Wraps proto.setRemoteDescription so that each connection gets listener for event (see
// listenOnce) when it first sets a remote description: what the remote side sends (tracks,
// streams, channels) is announced only after one.
function listenFromRemoteDescription(proto, hook, event, listener) {
  wrapMethod(proto, 'setRemoteDescription', (pc, native, args) => {
    listenOnce(pc, hook, event, listener);
    return Reflect.apply(native, pc, args);
  });
}

export const eventTarget = (event) => event.currentTarget || event.target;

// The event handler attribute proto['on' + event] (e.g. ontrack) for an event the browser does
// not know: setting it replaces the previous handler's listener.
export function eventHandlerAttribute(proto, event) {
  const slot = mark('on' + event);
  defineAccessor(
    proto,
    'on' + event,
    (target) => {
      const handler = read(target, slot);
      return typeof handler === 'function' ? handler : null;
    },
    function (handler) {
      const old = this[slot];
      if (typeof old === 'function') this.removeEventListener(event, old);
      handler = typeof handler === 'function' ? handler : null;
      Reflect.set(this, slot, handler);
      if (handler) this.addEventListener(event, handler);
    },
  );
}

// Dispatches a plain Event named name on target, with fields as enumerable read-only members.
export function dispatch(target, name, fields) {
  const event = new Event(name);
  for (const key in fields) Object.defineProperty(event, key, { value: fields[key], enumerable: true });
  target.dispatchEvent(event);
}

// ---- Probes: behaviour that only a promise shows ----

// Where install() keeps the promise of every probe still running on a global (on its record of
// what it installed, see applied_marker in mod.rs).
const SETTLED = Symbol.for('wasm-rtc.shim.settled');

// Records on record, under the shim's name, what probe resolves to once it settles — the
// outcome of a probe that applied its shim where needed ('applied', 'not-needed' or
// 'failed: why', as install() records them: see recorded() in mod.rs; a probe that fails tells
// nothing, and nothing is patched on a guess) — and adds that to record's settled promise.
export function whenProbed(record, name, probe) {
  const done = Promise.resolve(probe)
    .then((outcome) => (typeof outcome === 'string' ? outcome : 'not-needed'), () => 'not-needed')
    .then((outcome) => Reflect.set(record, name, outcome));
  Reflect.defineProperty(record, SETTLED, { value: Promise.all([record[SETTLED], done]), configurable: true });
}

// What a probe resolves to: where needed, patch() run and its outcome; else 'not-needed'.
function applyWhere(needed, patch) {
  if (!needed) return 'not-needed';
  try {
    patch();
    return 'applied';
  } catch (error) {
    return 'failed: ' + describe(error);
  }
}

// A promise that resolves once every probe started on record has settled (at once: none), to
// what then() returns where it is given.
export function settled(record, then) {
  return Promise.resolve(record && record[SETTLED]).then(() => (then ? then() : undefined));
}

// A new connection of the page's constructor for the probes that need one (one per install,
// see Scope::probe_connection in mod.rs); null where none can be made.
export function probeConnection(Native) {
  try {
    return new Native();
  } catch (_) {
    return null;
  }
}

// Closes a probe connection once the probes queued before it have used it.
export function closeProbeConnection(pc) {
  Promise.resolve().then(() => pc.close()).catch(() => {});
}

// ---- get_user_media.rs ----

// navigator.mediaDevices.getUserMedia, the same everywhere: legacy
// constraint syntax translated, undefined members dropped, legacy error names mapped, and the
// promise API over a callback-only one.

// Legacy getUserMedia error names and their standard ones.
const STANDARD_ERRORS = {
  __proto__: null,
  PermissionDeniedError: 'NotAllowedError',
  PermissionDismissedError: 'NotAllowedError',
  MediaDeviceKillSwitchOn: 'NotAllowedError',
  DevicesNotFoundError: 'NotFoundError',
  ConstraintNotSatisfiedError: 'OverconstrainedError',
  TrackStartError: 'NotReadableError',
  MediaDeviceFailedDueToShutdown: 'NotReadableError',
  SourceUnavailableError: 'NotReadableError',
  TabCaptureError: 'AbortError',
  ScreenCaptureError: 'AbortError',
  DeviceCaptureError: 'AbortError',
};

// An error with a legacy name as a DOMException with the standard one (message and constraint
// kept); any other error as it is.
export function mapError(error) {
  const standard = STANDARD_ERRORS[error?.name];
  if (!standard) return error;
  const message = typeof error.message === 'string' ? error.message : '';
  const constraint = error.constraint ?? error.constraintName;
  let mapped;
  try {
    mapped = new DOMException(message, standard);
  } catch (_) {
    mapped = new Error(message);
    mapped.name = standard;
  }
  // DOMException is extensible: the constraint travels with it, as OverconstrainedError's.
  if (constraint != null) mapped.constraint = constraint;
  return mapped;
}

// Each legacy mandatory/optional key: the standard member, and which part of it.
const LEGACY_KEYS = {
  __proto__: null,
  minWidth: ['width', 'min'],
  maxWidth: ['width', 'max'],
  minHeight: ['height', 'min'],
  maxHeight: ['height', 'max'],
  minFrameRate: ['frameRate', 'min'],
  maxFrameRate: ['frameRate', 'max'],
  minAspectRatio: ['aspectRatio', 'min'],
  maxAspectRatio: ['aspectRatio', 'max'],
  sourceId: ['deviceId', 'exact'],
  deviceId: ['deviceId', 'exact'],
  facingMode: ['facingMode', 'exact'],
  echoCancellation: ['echoCancellation', 'exact'],
  googEchoCancellation: ['echoCancellation', 'exact'],
  noiseSuppression: ['noiseSuppression', 'exact'],
  googNoiseSuppression: ['noiseSuppression', 'exact'],
  autoGainControl: ['autoGainControl', 'exact'],
  googAutoGainControl: ['autoGainControl', 'exact'],
};

const entries = (object) => Object.entries(Object(object));
const isDictionary = (value) => isObject(value) && !Array.isArray(value);

// Sets track[member][part] = value on a copy of track[member] (the page's own object, when it
// came from there, is left as it was).
function setPart(track, member, part, value) {
  track[member] = Object.assign({}, isDictionary(track[member]) ? track[member] : {}, { [part]: value });
}

// Whether one track's constraints carry a legacy key this shim cannot translate: Chromium's own
// (chromeMediaSource, chromeMediaSourceId for tab and desktop capture in extensions and
// Electron), which only the legacy syntax carries and Chromium still honours.
function untranslatable(constraints) {
  const unknown = (block) => Object.keys(Object(block)).some((key) => !LEGACY_KEYS[key]);
  const { mandatory, optional } = constraints;
  return (isObject(mandatory) && unknown(mandatory)) || (Array.isArray(optional) && Array.from(optional).some(unknown));
}

// A copy of object without its undefined members; undefined when it has none.
function withoutUndefined(object) {
  const out = {};
  let dropped = false;
  for (const [key, value] of entries(object)) {
    if (value === undefined) dropped = true;
    else out[key] = value;
  }
  return dropped ? out : undefined;
}

// One track's legacy constraints (mandatory, optional) in the standard form; standard members
// pass through and undefined members (one level down too: constraint values are flat) are
// dropped. Undefined when there is nothing to change, or when the track has a key only the
// legacy syntax can say: it is then left as the page wrote it.
function translateTrack(constraints) {
  if (!isObject(constraints) || untranslatable(constraints)) return;
  const out = {};
  let changed = false;
  for (const [key, value] of entries(constraints)) {
    if (value === undefined) {
      changed = true;
    } else if (key === 'mandatory' && isObject(value)) {
      changed = true;
      for (const [legacy, v] of entries(value)) {
        const standard = LEGACY_KEYS[legacy];
        if (standard) setPart(out, standard[0], standard[1], v);
      }
    } else if (key === 'optional' && Array.isArray(value)) {
      changed = true;
      // Each optional entry is a wish, not a requirement: an ideal.
      for (const wish of Array.from(value)) {
        for (const [legacy, v] of entries(wish)) {
          const standard = LEGACY_KEYS[legacy];
          if (standard) setPart(out, standard[0], 'ideal', v);
        }
      }
    } else {
      const cleaned = isDictionary(value) ? withoutUndefined(value) : undefined;
      if (cleaned) changed = true;
      out[key] = cleaned || value;
    }
  }
  return changed ? out : undefined;
}

// MediaStreamConstraints in the standard form: legacy syntax translated, undefined members
// dropped. Anything else reaches the browser as the very object the page passed.
export function translateConstraints(constraints) {
  if (!isObject(constraints)) return constraints;
  const out = {};
  let changed = false;
  for (const [key, value] of entries(constraints)) {
    if (value === undefined) {
      changed = true;
      continue;
    }
    const track = key === 'audio' || key === 'video' ? translateTrack(value) : undefined;
    if (track) changed = true;
    out[key] = track || value;
  }
  return changed ? out : constraints;
}

// The legacy mandatory key for a standard member's min/max/exact part.
function legacyName(member, part) {
  if (['width', 'height', 'frameRate', 'aspectRatio'].includes(member)) {
    // minWidth: the member capitalized after the part.
    return part === 'min' || part === 'max' ? part + member[0].toUpperCase() + member.slice(1) : undefined;
  }
  if (member === 'deviceId') return 'sourceId';
  if (member === 'facingMode') return member;
}

// One track's standard constraints in the legacy syntax Chrome's webkitGetUserMedia reads;
// legacy input passes through.
function toLegacyTrack(constraints) {
  if (!isObject(constraints) || constraints.mandatory != null || constraints.optional != null) return constraints;
  const mandatory = {};
  const optional = [];
  const wish = (key, value) => key && optional.push({ [key]: value });
  const demand = (key, value) => key && (mandatory[key] = value);
  for (const [member, value] of entries(constraints)) {
    if (value === undefined) continue;
    // A bare value is an ideal.
    if (!isObject(value)) {
      wish(legacyName(member, 'min'), value);
      continue;
    }
    for (const [part, v] of entries(value)) {
      if (part === 'exact') for (const bound of ['min', 'max', 'exact']) demand(legacyName(member, bound), v);
      else if (part === 'min' || part === 'max') demand(legacyName(member, part), v);
      else if (part === 'ideal') wish(legacyName(member, 'min') || legacyName(member, 'exact'), v);
    }
  }
  return optional.length ? { mandatory, optional } : { mandatory };
}

// MediaStreamConstraints in the legacy syntax, for webkitGetUserMedia.
function toLegacy(constraints) {
  const standard = translateConstraints(constraints);
  if (!isObject(standard)) return standard;
  // A copy: translateConstraints may have returned the page's own object.
  const legacy = Object.assign({}, standard);
  for (const kind of ['audio', 'video']) {
    if (legacy[kind] != null) legacy[kind] = toLegacyTrack(legacy[kind]);
  }
  return legacy;
}

// The promise API over a callback-only one: legacy is navigator's callback-style function, and
// legacySyntax says whether it reads only the legacy constraint syntax (webkitGetUserMedia).
export function provideGetUserMedia(navigator, legacy, legacySyntax) {
  let devices = navigator.mediaDevices;
  if (devices == null) Reflect.set(navigator, 'mediaDevices', (devices = {}));
  Reflect.set(devices, 'getUserMedia', (constraints) =>
    new Promise((resolve, reject) => {
      const translated = legacySyntax ? toLegacy(constraints) : translateConstraints(constraints);
      legacy.call(navigator, translated, resolve, (error) => reject(mapError(error)));
    }),
  );
}

// Wraps mediaDevices.getUserMedia: constraints translated (legacy syntax, undefined members)
// and, with mapErrors, legacy error names mapped.
export function getUserMedia(devices, mapErrors) {
  wrapMethod(devices, 'getUserMedia', (self, native, args) => {
    const made = Reflect.apply(native, self, [translateConstraints(args[0])]);
    return mapErrors
      ? made.catch((error) => {
          throw mapError(error);
        })
      : made;
  });
}

// Whether getUserMedia fails with names from before the standard ones: true where
// getUserMedia({}) does not reject with the spec's TypeError. Asking for no media is the one
// failure a page can cause without a device, a prompt or a permission; browsers from before the
// 2015 spec (and its standard error names) answered NotSupportedError, or nothing at all.
// Applies the shim there (see whenProbed).
export function probeGetUserMedia(devices) {
  return new Promise((resolve) => resolve(devices.getUserMedia({})))
    .then(() => true, (error) => read(error, 'name') !== 'TypeError')
    .then((needed) => applyWhere(needed, () => getUserMedia(devices, true)));
}

// Opt-in: navigator.getUserMedia(constraints, onSuccess, onError) over the promise API.
export function legacyGetUserMedia(navigator, devices) {
  Reflect.set(navigator, 'getUserMedia', function getUserMedia(constraints, onSuccess, onError) {
    devices.getUserMedia(constraints).then(onSuccess, onError);
  });
}

// ---- add_ice_candidate.rs ----

// addIceCandidate(null | undefined | {candidate: ''}) resolves.

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

// ---- set_local_description.rs ----

// Parameterless setLocalDescription().

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

// ---- ice_candidate_fields.rs ----

// RTCIceCandidate's fields from the candidate line. `parse` is the
// crate's parser (Rust): the fields of a line, or null where it does not parse.

const CANDIDATE_FIELDS = ['foundation', 'component', 'priority', 'address', 'port', 'type', 'protocol', 'relatedAddress', 'relatedPort', 'tcpType', 'usernameFragment', 'relayProtocol'];

export function iceCandidateFields(proto, parse) {
  for (const name of CANDIDATE_FIELDS) {
    if (name in proto) continue;
    defineAccessor(proto, name, (candidate) => {
      const line = read(candidate, 'candidate');
      const fields = parse(typeof line === 'string' ? line : '');
      if (!fields) return null;
      // relayProtocol is not in the line.
      if (name === 'component') return fields.component === 2 ? 'rtcp' : 'rtp';
      return name in fields ? fields[name] : null;
    });
  }
}

// ---- get_stats.rs ----

// getStats() on a closed connection resolves to an empty report.

export function getStats(proto) {
  wrapMethod(proto, 'getStats', (pc, native, args) => {
    const result = Reflect.apply(native, pc, args);
    // Chrome's legacy getStats(callback) returns nothing: passed through as it is.
    if (typeof read(result, 'then') !== 'function') return result;
    return result.then(undefined, (error) => {
      if (read(pc, 'signalingState') === 'closed') return new Map();
      throw error;
    });
  });
}

// Whether getStats() rejects on a closed connection, and the shim applied to proto where it
// does (see whenProbed). It closes the probe connection, after the install's synchronous probes
// have used it.
export function probeGetStats(pc, proto) {
  return Promise.resolve()
    .then(() => {
      pc.close();
      return pc.getStats().then(() => false, () => true);
    })
    .then((needed) => applyWhere(needed, () => getStats(proto)));
}

// ---- track_event.rs ----

// track events with track, streams, receiver and transceiver, and ontrack.

// The element of pc[list]() whose member is value, or a plain {[member]: value}.
function itemWith(pc, list, member, value) {
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
    const receiver = itemWith(pc, 'getReceivers', 'track', track);
    dispatch(pc, 'track', { track, streams: [stream], receiver, transceiver: itemWith(pc, 'getTransceivers', 'receiver', receiver) });
  }
}

// trackEventProto: RTCTrackEvent.prototype where it lacks transceiver, else undefined.
export function trackEvent(proto, withoutTrackEvent, trackEventProto) {
  if (withoutTrackEvent) {
    eventHandlerAttribute(proto, 'track');
    listenFromRemoteDescription(proto, 'track-from-addstream', 'addstream', announceTracks);
  }
  if (trackEventProto) {
    defineAccessor(trackEventProto, 'transceiver', (event) =>
      itemWith(read(event, 'target'), 'getTransceivers', 'receiver', read(event, 'receiver') ?? null),
    );
  }
}

// ---- connection_state.rs ----

// connectionState and connectionstatechange, derived from iceConnectionState.

const DERIVED = { __proto__: null, checking: 'connecting', connected: 'connected', completed: 'connected', disconnected: 'disconnected', failed: 'failed', closed: 'closed' };

// connectionState for the connection's iceConnectionState.
export const derivedConnectionState = (pc) => DERIVED[read(pc, 'iceConnectionState')] || 'new';

// Where each connection keeps the derived state it last announced.
const LAST = mark('connection-state-last');

// Dispatches connectionstatechange on the event's connection when its derived state changed.
function onIceConnectionStateChange(event) {
  const pc = eventTarget(event);
  const now = derivedConnectionState(pc);
  if (pc[LAST] !== now) {
    Reflect.set(pc, LAST, now);
    dispatch(pc, 'connectionstatechange', {});
  }
}

export function connectionState(proto) {
  defineAccessor(proto, 'connectionState', derivedConnectionState);
  eventHandlerAttribute(proto, 'connectionstatechange');
  // ICE starts with a description: hook each connection at its first one.
  for (const method of ['setLocalDescription', 'setRemoteDescription']) {
    if (proto[method] == null) continue;
    wrapMethod(proto, method, (pc, native, args) => {
      try {
        if (!(LAST in pc)) Reflect.set(pc, LAST, derivedConnectionState(pc));
      } catch (_) {}
      listenOnce(pc, 'connection-state', 'iceconnectionstatechange', onIceConnectionStateChange);
      return Reflect.apply(native, pc, args);
    });
  }
}

// ---- max_message_size.rs ----

// RTCPeerConnection.sctp.maxMessageSize, and RTCDataChannel.send() over it throwing TypeError
// with the channel left open.

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
    listenFromRemoteDescription(pcProto, 'channel-owner', 'datachannel', recordOwner);
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

// ---- offer_to_receive.rs ----

// The legacy createOffer({offerToReceiveAudio, offerToReceiveVideo}) options as transceivers.

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

// Whether createOffer ignores offerToReceiveAudio: true where it never reads it. A browser that
// knows the option reads it while converting the options, before any offer is made (and stops
// at the getter after it that throws, so no offer is made at all); one that ignores it, never.
export function probeOfferToReceive(pc) {
  let read = false;
  const stop = new Error('probe');
  const options = {
    get offerToReceiveAudio() {
      read = true;
      return true;
    },
    get offerToReceiveVideo() {
      throw stop;
    },
  };
  try {
    Promise.resolve(pc.createOffer(options)).catch(() => {});
  } catch (_) {}
  return !read;
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

// ---- ice_server_urls.rs ----

// RTCIceServer.url accepted as urls, in the constructor and setConfiguration.

const hasUrlOnly = (server) => server != null && server.url != null && server.urls == null;

// A configuration whose ICE servers' url members are renamed urls (where urls is absent).
function translateIceServers(configuration) {
  const servers = configuration?.iceServers;
  if (!Array.isArray(servers) || !servers.some(hasUrlOnly)) return configuration;
  const iceServers = servers.map((server) => {
    if (!hasUrlOnly(server)) return server;
    const renamed = Object.assign({}, server, { urls: server.url });
    delete renamed.url;
    return renamed;
  });
  return Object.assign({}, configuration, { iceServers });
}

// A stand-in for the constructor Native that passes its first argument through translateIceServers.
// Everything else stays the browser's: the same prototype object (so instanceof holds for every
// connection and patches to RTCPeerConnection.prototype reach them), new.target (so
// `class X extends RTCPeerConnection` builds X instances), the name, length and the statics
// (inherited from Native).
function translatingConstructor(Native) {
  const RTCPeerConnection = function RTCPeerConnection(...args) {
    if (!new.target) {
      throw new TypeError("Failed to construct 'RTCPeerConnection': Please use the 'new' operator.");
    }
    if (args.length > 0) args[0] = translateIceServers(args[0]);
    return Reflect.construct(Native, args, new.target);
  };
  Object.defineProperty(RTCPeerConnection, 'name', { value: Native.name });
  Object.defineProperty(RTCPeerConnection, 'length', { value: Native.length });
  RTCPeerConnection.prototype = Native.prototype;
  Object.setPrototypeOf(RTCPeerConnection, Native);
  Object.defineProperty(Native.prototype, 'constructor', { value: RTCPeerConnection, writable: true, configurable: true });
  return RTCPeerConnection;
}

export function iceServerUrls(global) {
  const Native = global.RTCPeerConnection;
  if (typeof Native !== 'function') throw new TypeError('RTCPeerConnection is not a constructor here');
  const proto = Native.prototype;
  if (proto.setConfiguration != null) {
    wrapMethod(proto, 'setConfiguration', (pc, native, args) => Reflect.apply(native, pc, [translateIceServers(args[0])]));
  }
  if (!Reflect.set(global, 'RTCPeerConnection', translatingConstructor(Native))) {
    throw new TypeError('RTCPeerConnection cannot be replaced on this global');
  }
}

// ---- legacy_callbacks.rs ----

// Opt-in: the legacy callback signatures over the promise forms.

// [method, index of the success callback]
const CALLBACK_METHODS = [['createOffer', 0], ['createAnswer', 0], ['setLocalDescription', 1], ['setRemoteDescription', 1], ['addIceCandidate', 1]];

export function legacyCallbacks(proto) {
  for (const [method, at] of CALLBACK_METHODS) {
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

// ---- legacy_streams.rs ----

// Opt-in: addStream, removeStream, getLocalStreams, getRemoteStreams and addstream events,
// built on tracks.

const LOCAL = mark('local-streams');
const REMOTE = mark('remote-streams');

// The connection's list under key (created empty).
function streamList(pc, key) {
  const existing = pc[key];
  if (Array.isArray(existing)) return existing;
  const fresh = [];
  Reflect.set(pc, key, fresh);
  return fresh;
}

// localSet: whether to (re)define the local trio, because one of them is missing. announce:
// whether the browser has no addstream event of its own.
export function legacyStreams(proto, localSet, announce) {
  const define = (name, method, replace) => {
    if (replace || !(name in proto)) Reflect.set(proto, name, method);
  };
  define(
    'addStream',
    function (stream) {
      for (const track of stream.getTracks()) this.addTrack(track, stream);
      const local = streamList(this, LOCAL);
      if (!local.includes(stream)) local.push(stream);
    },
    localSet,
  );
  define(
    'removeStream',
    function (stream) {
      const tracks = stream.getTracks();
      for (const sender of this.getSenders()) {
        if (sender.track != null && tracks.includes(sender.track)) this.removeTrack(sender);
      }
      const local = streamList(this, LOCAL);
      const index = local.indexOf(stream);
      if (index >= 0) local.splice(index, 1);
    },
    localSet,
  );
  define('getLocalStreams', function () { return streamList(this, LOCAL).slice(); }, localSet);
  define('getRemoteStreams', function () { return streamList(this, REMOTE).slice(); }, false);
  if (announce) eventHandlerAttribute(proto, 'addstream');
  // Remembers each new remote stream of a track event and, where the browser has no addstream
  // of its own, announces it.
  const onTrack = (event) => {
    const pc = eventTarget(event);
    const remote = streamList(pc, REMOTE);
    for (const stream of Array.isArray(event.streams) ? event.streams : []) {
      if (remote.includes(stream)) continue;
      remote.push(stream);
      if (announce) dispatch(pc, 'addstream', { stream });
    }
  };
  // Remote tracks come with a remote description: start collecting their streams then.
  listenFromRemoteDescription(proto, 'remote-streams', 'track', onTrack);
}

// ---- The npm package's helpers (src/js/wrappers.rs) ----

// A threshold sendWithBackpressure takes as it is: absent, or a whole number of bytes that fits
// an unsigned 32-bit integer (anything else goes the checked way, which throws the TypeError).
const plainThreshold = (value) =>
  value === undefined || (Number.isInteger(value) && value >= 0 && value <= 0xffffffff);

// sendWithBackpressure's path that need not wait: sends and returns true when the channel is
// open and below `high`; returns false (sends nothing) otherwise. One step into JavaScript per
// message, as a hand-written `bufferedAmount` check is.
export function sendIfRoom(channel, data, options, defaultHigh) {
  let high = defaultHigh;
  if (options !== undefined && options !== null) {
    if (typeof options !== 'object' || !plainThreshold(options.high) || !plainThreshold(options.low)) return false;
    if (options.high !== undefined) high = Math.max(options.high, 1);
  }
  if (channel.readyState !== 'open' || channel.bufferedAmount >= high) return false;
  channel.send(data);
  return true;
}

// ---- Data channel messages (src/data_channel.rs) ----

// A message event's binary data as bytes (wasm-bindgen copies them into a Vec), or undefined for
// text; data that is no buffer (a Blob) gives an empty array. One step out of WebAssembly per
// binary message.
export function messageBytes(event) {
  const data = event.data;
  return typeof data === 'string' ? undefined : new Uint8Array(data);
}

// A message event's data if it is text, else undefined.
export function messageText(event) {
  const data = event.data;
  return typeof data === 'string' ? data : undefined;
}
