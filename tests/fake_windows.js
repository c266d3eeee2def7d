// Hand-made windows of old browsers, each reproducing exactly the quirk a shim fixes, the way
// adapter.js's unit tests mock windows. Only what the quirk involves is present.

const OLD_CHROME_UA = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/47.0.2526.73 Safari/537.36';

// Chrome 47: getUserMedia only as navigator.webkitGetUserMedia(constraints, onSuccess, onError);
// navigator.mediaDevices exists (enumerateDevices) but has no getUserMedia; failures are
// NavigatorUserMediaError objects with legacy names.
export function chrome47() {
  const calls = [];
  const navigator = {
    userAgent: OLD_CHROME_UA,
    mediaDevices: { enumerateDevices() { return Promise.resolve([]); } },
    webkitGetUserMedia(constraints, onSuccess, onError) {
      calls.push(constraints);
      setTimeout(() => {
        if (constraints.video && constraints.video.mandatory && constraints.video.mandatory.sourceId === 'denied') {
          onError({ name: 'PermissionDeniedError', message: '', constraintName: '' });
        } else {
          onSuccess({ id: 'stream-from-webkitGetUserMedia' });
        }
      }, 0);
    },
  };
  return { window: { navigator }, calls };
}

// Chrome 53-63: the promise API exists but rejects with the legacy names, and the legacy
// mandatory/optional syntax is what it understands. Asked for no media at all it rejected
// with NotSupportedError, as the spec before 2015 said (now TypeError).
export function chrome60() {
  const calls = [];
  const navigator = {
    userAgent: OLD_CHROME_UA.replace('47.0.2526.73', '60.0.3112.113'),
    mediaDevices: {
      getUserMedia(constraints) {
        if (!constraints || (!constraints.audio && !constraints.video)) {
          return Promise.reject(new DOMException("Failed to execute 'getUserMedia' on 'MediaDevices': At least one of audio and video must be requested", 'NotSupportedError'));
        }
        calls.push(constraints);
        if (constraints.video && constraints.video.deviceId && constraints.video.deviceId.exact === 'missing') {
          return Promise.reject({ name: 'DevicesNotFoundError', message: 'Requested device not found' });
        }
        return Promise.resolve({ id: 'stream-from-mediaDevices', constraints });
      },
    },
  };
  return { window: { navigator }, calls };
}

// Chrome 70 / Firefox 67 / Safari 12: addIceCandidate(candidate) requires its argument (length
// 1) and rejects null or an empty candidate; setLocalDescription(description) requires one;
// RTCIceCandidate has only candidate, sdpMid and sdpMLineIndex.
export function chrome70() {
  const added = [];
  const set = [];
  class RTCPeerConnection {
    constructor() { this.signalingState = 'stable'; }
    addIceCandidate(candidate) {
      if (!candidate || candidate.candidate === '') {
        return Promise.reject(new TypeError("Failed to execute 'addIceCandidate' on 'RTCPeerConnection': Candidate missing values."));
      }
      added.push(candidate);
      return Promise.resolve();
    }
    setLocalDescription(description) {
      if (!description || !description.type) {
        return Promise.reject(new TypeError("Failed to execute 'setLocalDescription' on 'RTCPeerConnection': 1 argument required, but only 0 present."));
      }
      set.push(description);
      this.signalingState = description.type === 'offer' ? 'have-local-offer' : 'stable';
      return Promise.resolve();
    }
    createOffer() { return Promise.resolve({ type: 'offer', sdp: 'v=0 offer' }); }
    createAnswer() { return Promise.resolve({ type: 'answer', sdp: 'v=0 answer' }); }
    getStats() { return Promise.resolve(new Map([['PC', { id: 'PC', type: 'peer-connection' }]])); }
  }
  class RTCIceCandidate {
    constructor(init) {
      this.candidate = init.candidate;
      this.sdpMid = init.sdpMid;
      this.sdpMLineIndex = init.sdpMLineIndex;
    }
  }
  return { window: { navigator: { userAgent: OLD_CHROME_UA }, RTCPeerConnection, RTCIceCandidate }, added, set };
}

// Safari 13: getStats() on a closed connection rejects with InvalidStateError.
export function safari13() {
  class RTCPeerConnection {
    constructor() { this.signalingState = 'stable'; }
    close() { this.signalingState = 'closed'; }
    addIceCandidate() { return Promise.resolve(); }
    setLocalDescription() { return Promise.resolve(); }
    getStats() {
      if (this.signalingState === 'closed') {
        return Promise.reject(new DOMException('The RTCPeerConnection is closed', 'InvalidStateError'));
      }
      return Promise.resolve(new Map([['PC', { id: 'PC', type: 'peer-connection' }]]));
    }
  }
  return { window: { navigator: {}, RTCPeerConnection } };
}

// A page that froze RTCPeerConnection.prototype before loading the shim.
export function frozen() {
  const { window } = chrome70();
  Object.freeze(window.RTCPeerConnection.prototype);
  return { window };
}

// A page whose global object was made non-extensible before loading the shim.
export function sealedGlobal() {
  const { window } = chrome70();
  const addIceCandidate = window.RTCPeerConnection.prototype.addIceCandidate;
  Object.preventExtensions(window);
  return { window, addIceCandidate };
}

export function construct(cls, arg) {
  return new cls(arg);
}

function fakeStream(id, kinds) {
  const tracks = kinds.map((kind, i) => ({ id: `${id}-${kind}-${i}`, kind }));
  return { id, getTracks: () => tracks.slice() };
}

// Chrome 55 / Safari 10: no `track` event or `ontrack`, only `addstream` after
// setRemoteDescription, and `getRemoteStreams()`; no receivers or transceivers.
export function chrome55() {
  class RTCPeerConnection extends EventTarget {
    constructor() {
      super();
      this.remoteStreams = [];
    }
    setRemoteDescription(description) {
      const stream = fakeStream('remote-stream', ['audio', 'video']);
      this.remoteStreams.push(stream);
      return Promise.resolve().then(() => {
        const event = new Event('addstream');
        event.stream = stream;
        this.dispatchEvent(event);
        if (this.onaddstream) this.onaddstream(event);
      });
    }
    getRemoteStreams() { return this.remoteStreams.slice(); }
  }
  // Event handler attributes are accessors on the prototype, as in the browser.
  Object.defineProperty(RTCPeerConnection.prototype, 'onaddstream', {
    get() { return this._onaddstream || null; },
    set(handler) { this._onaddstream = handler; },
    configurable: true,
    enumerable: true,
  });
  return { window: { navigator: {}, RTCPeerConnection } };
}

// Chrome 65: `track` events and receivers exist, but RTCTrackEvent has no `transceiver`.
export function chrome65() {
  class RTCTrackEvent extends Event {
    constructor(type, init) {
      super(type);
      this.track = init.track;
      this.receiver = init.receiver;
      this.streams = init.streams;
    }
  }
  const receiver = { track: { id: 't1', kind: 'audio' } };
  const transceiver = { mid: '0', receiver };
  class RTCPeerConnection extends EventTarget {
    getTransceivers() { return [transceiver]; }
    fireTrack() { this.dispatchEvent(new RTCTrackEvent('track', { track: receiver.track, receiver, streams: [] })); }
  }
  Object.defineProperty(RTCPeerConnection.prototype, 'ontrack', { value: null, writable: true, configurable: true });
  return { window: { navigator: {}, RTCPeerConnection, RTCTrackEvent }, transceiver };
}

// Firefox 112: no connectionState / connectionstatechange, only the ICE ones.
export function firefox112() {
  class RTCPeerConnection extends EventTarget {
    constructor() {
      super();
      this.iceConnectionState = 'new';
      this.oniceconnectionstatechange = null;
    }
    setLocalDescription() { return Promise.resolve(); }
    setRemoteDescription() { return Promise.resolve(); }
    iceGoes(state) {
      this.iceConnectionState = state;
      this.dispatchEvent(new Event('iceconnectionstatechange'));
    }
  }
  return { window: { navigator: {}, RTCPeerConnection } };
}

// Chrome 75: no `sctp`; data channels send whatever they are given.
export function chrome75(remoteSdp) {
  const sent = [];
  class RTCDataChannel {
    constructor(label) { this.label = label; this.readyState = 'open'; }
    send(data) { sent.push(data); }
  }
  class RTCPeerConnection extends EventTarget {
    constructor() { super(); this.remoteDescription = null; }
    createDataChannel(label) { return new RTCDataChannel(label); }
    setRemoteDescription(description) { this.remoteDescription = description; return Promise.resolve(); }
  }
  return { window: { navigator: {}, RTCPeerConnection, RTCDataChannel }, sent };
}

// A page (or an old framework) that made addEventListener non-writable on the prototype.
export function lockedAddEventListener() {
  const { window } = firefox112();
  Object.defineProperty(window.RTCPeerConnection.prototype, 'addEventListener', {
    value: EventTarget.prototype.addEventListener,
    writable: false,
    configurable: false,
  });
  return { window };
}

export function handleEventListener(target, type) {
  const seen = [];
  target.addEventListener(type, { handleEvent(e) { seen.push(e); } });
  return seen;
}

export function setHandler(target, name, record) {
  target[name] = (e) => record.push(e);
}

// Firefox 43: only moz-prefixed constructors.
export function firefox43() {
  class mozRTCPeerConnection {}
  class mozRTCSessionDescription {}
  class mozRTCIceCandidate {}
  return { window: { navigator: {}, mozRTCPeerConnection, mozRTCSessionDescription, mozRTCIceCandidate } };
}

// A spec-strict browser: RTCIceServer has `urls` only, so `url` is a TypeError.
export function strictIceServers() {
  const made = [];
  class RTCPeerConnection {
    constructor(configuration) {
      for (const server of (configuration && configuration.iceServers) || []) {
        if (!('urls' in server)) throw new TypeError("Failed to construct 'RTCPeerConnection': required member urls is undefined.");
      }
      this.configuration = configuration;
      made.push(this);
    }
    static generateCertificate() { return Promise.resolve('certificate'); }
    getConfiguration() { return this.configuration; }
    close() {}
  }
  Object.defineProperty(RTCPeerConnection.prototype, Symbol.toStringTag, { value: 'RTCPeerConnection' });
  return { window: { navigator: {}, RTCPeerConnection }, made };
}

// A browser that accepts the old `url` member (Chrome < 56 did, with a deprecation warning), or,
// given `failure`, one whose constructor fails for another reason (Chrome's cap on connections).
export function lenientIceServers(failure) {
  const made = [];
  class RTCPeerConnection {
    constructor(configuration) {
      if (failure) throw new DOMException(failure, 'UnknownError');
      // Each URL is checked while the configuration is applied: an unknown scheme is malformed.
      for (const server of (configuration && configuration.iceServers) || []) {
        for (const url of [].concat(server.urls || server.url)) {
          if (!/^(stun|stuns|turn|turns):/.test(url)) throw new DOMException("Failed to construct 'RTCPeerConnection': Malformed URL", 'SyntaxError');
        }
      }
      this.configuration = configuration;
      made.push(this);
    }
    close() {}
  }
  return { window: { navigator: {}, RTCPeerConnection }, made };
}

export function subclassFacts(RTCPeerConnection, configuration) {
  class Tagged extends RTCPeerConnection {
    constructor(c) { super(c); this.tag = 'tagged'; }
  }
  const pc = new Tagged(configuration);
  const plain = new RTCPeerConnection(configuration);
  return {
    instanceOfNative: pc instanceof RTCPeerConnection && plain instanceof RTCPeerConnection,
    instanceOfSubclass: pc instanceof Tagged && !(plain instanceof Tagged),
    ownField: pc.tag,
    constructorLength: RTCPeerConnection.length,
    name: RTCPeerConnection.name,
    toStringTag: Object.prototype.toString.call(plain),
    staticGenerateCertificate: typeof Tagged.generateCertificate,
    constructorProperty: plain.constructor === RTCPeerConnection,
  };
}

// Safari 12: createOffer ignores offerToReceiveAudio/Video; the offer has one m-line per
// transceiver.
export function safari12() {
  class RTCPeerConnection {
    constructor() { this.transceivers = []; }
    addTransceiver(kind, init) {
      const t = { receiver: { track: { kind } }, direction: (init && init.direction) || 'sendrecv' };
      this.transceivers.push(t);
      return t;
    }
    getTransceivers() { return this.transceivers.slice(); }
    createOffer() {
      return Promise.resolve({ type: 'offer', sdp: this.transceivers.map((t) => `m=${t.receiver.track.kind} a=${t.direction}`).join('|') });
    }
  }
  return { window: { navigator: {}, RTCPeerConnection } };
}

// Chrome 90: getStats() rejects on a closed connection (InvalidStateError), and the legacy
// getStats(callback) form returns nothing and calls back with a report of its own.
export function chrome90() {
  const reports = [];
  class RTCPeerConnection {
    constructor() { this.signalingState = 'stable'; }
    close() { this.signalingState = 'closed'; }
    getStats(selectorOrCallback) {
      if (typeof selectorOrCallback === 'function') {
        setTimeout(() => { const report = { result: () => [] }; reports.push(report); selectorOrCallback(report); }, 0);
        return undefined;
      }
      if (this.signalingState === 'closed') {
        return Promise.reject(new DOMException("The RTCPeerConnection's signalingState is 'closed'.", 'InvalidStateError'));
      }
      return Promise.resolve(new Map([['PC', { id: 'PC', type: 'peer-connection' }]]));
    }
  }
  return { window: { navigator: {}, RTCPeerConnection }, reports };
}
