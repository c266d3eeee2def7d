// Standard-API scenarios for the differential suite (differential.html): written from the spec
// and MDN with no wasm-rtc in sight, each returns what a page can observe — values, error names,
// event order, the order in which promises settle — and nothing that varies from one load of
// the page to the next (no ids, addresses or times). The page runs them without the shim, with
// the ES module and with the classic script; npm/test/differential.py compares the three.

const TIMEOUT_MS = 20000;

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const once = (target, event) => new Promise((resolve) => target.addEventListener(event, resolve, { once: true }));

// What a thrown value is called: its name (TypeError, InvalidStateError, …), or its type.
export function errorName(error) {
  try {
    if (error && typeof error.name === 'string') return error.name;
    return `non-error ${typeof error}`;
  } catch (_) {
    return 'unreadable error';
  }
}

// How a call ends: "returned", "threw X"; for a promise, "resolved", "rejected X".
function outcome(f) {
  try {
    f();
    return 'returned';
  } catch (error) {
    return `threw ${errorName(error)}`;
  }
}
async function settles(f) {
  try {
    await f();
    return 'resolved';
  } catch (error) {
    return `rejected ${errorName(error)}`;
  }
}

// Until predicate() holds (polled), or a rejection naming what.
async function until(predicate, what) {
  for (const started = Date.now(); !predicate(); await sleep(20)) {
    if (Date.now() - started > TIMEOUT_MS) throw new Error(`timed out waiting for ${what}`);
  }
}

// Two connections wired with trickle ICE; setup(a, b) adds channels, tracks or transceivers.
async function connected(setup = () => {}) {
  const a = new RTCPeerConnection();
  const b = new RTCPeerConnection();
  a.onicecandidate = (e) => b.addIceCandidate(e.candidate);
  b.onicecandidate = (e) => a.addIceCandidate(e.candidate);
  const extra = setup(a, b);
  await a.setLocalDescription();
  await b.setRemoteDescription(a.localDescription);
  await b.setLocalDescription();
  await a.setRemoteDescription(b.localDescription);
  await until(() => a.connectionState === 'connected' && b.connectionState === 'connected', 'connected');
  return { a, b, extra };
}

// Synthetic media: a canvas video track and a WebAudio tone, no camera needed.
function syntheticTracks() {
  const canvas = document.createElement('canvas');
  canvas.width = 160;
  canvas.height = 120;
  const context = canvas.getContext('2d');
  context.fillStyle = 'green';
  context.fillRect(0, 0, 160, 120);
  const video = canvas.captureStream(10).getVideoTracks()[0];
  const audioContext = new AudioContext();
  const oscillator = audioContext.createOscillator();
  const destination = audioContext.createMediaStreamDestination();
  oscillator.connect(destination);
  oscillator.start();
  const audio = destination.stream.getAudioTracks()[0];
  return { audio, video, stop: () => { video.stop(); audio.stop(); audioContext.close(); } };
}

export const SCENARIOS = {
  // Offer/answer with parameterless setLocalDescription, trickle ICE, the states on the way.
  async offerAnswer() {
    const a = new RTCPeerConnection();
    const b = new RTCPeerConnection();
    const states = [];
    const candidates = { a: [], b: [] };
    a.onicecandidate = (e) => candidates.a.push(e.candidate === null ? 'end' : 'candidate');
    b.onicecandidate = (e) => candidates.b.push(e.candidate === null ? 'end' : 'candidate');
    a.onsignalingstatechange = () => states.push(`a:${a.signalingState}`);
    b.onsignalingstatechange = () => states.push(`b:${b.signalingState}`);
    a.createDataChannel('x');
    const negotiationNeeded = await Promise.race([once(a, 'negotiationneeded').then(() => true), sleep(2000).then(() => false)]);
    await a.setLocalDescription();
    const offerType = a.localDescription.type;
    await b.setRemoteDescription(a.localDescription);
    await b.setLocalDescription();
    const answerType = b.localDescription.type;
    await a.setRemoteDescription(b.localDescription);
    await until(() => candidates.a.includes('end') && candidates.b.includes('end'), 'end of candidates');
    const lastIsEnd = candidates.a.at(-1) === 'end' && candidates.b.at(-1) === 'end';
    const ended = await Promise.all([
      settles(() => a.addIceCandidate(null)),
      settles(() => a.addIceCandidate()),
      settles(() => a.addIceCandidate({ candidate: '', sdpMid: '0' })),
      settles(() => a.addIceCandidate({ candidate: 'candidate:garbage', sdpMid: '0' })),
    ]);
    const result = { negotiationNeeded, offerType, answerType, states, lastIsEnd, ended, gathering: a.iceGatheringState };
    a.close();
    b.close();
    return result;
  },

  // The same connection's states, and what close does to it and to its methods.
  async connectionAndClose() {
    const { a, b } = await connected((a) => a.createDataChannel('x'));
    const states = { connection: a.connectionState, ice: a.iceConnectionState === 'connected' || a.iceConnectionState === 'completed' };
    const events = [];
    a.onconnectionstatechange = () => events.push(`connection:${a.connectionState}`);
    a.onsignalingstatechange = () => events.push(`signaling:${a.signalingState}`);
    a.close();
    await sleep(50);
    const after = {
      signaling: a.signalingState,
      connection: a.connectionState,
      ice: a.iceConnectionState,
      createDataChannel: outcome(() => a.createDataChannel('late')),
      addTransceiver: outcome(() => a.addTransceiver('audio')),
      setConfiguration: outcome(() => a.setConfiguration({})),
      restartIce: outcome(() => a.restartIce()),
      createOffer: await settles(() => a.createOffer()),
      setLocalDescription: await settles(() => a.setLocalDescription()),
      addIceCandidate: await settles(() => a.addIceCandidate(null)),
      getStats: await settles(() => a.getStats()),
    };
    b.close();
    return { states, eventsOnClose: events, after };
  },

  // Glare and rollback: an offer on each side; the polite side rolls back.
  async rollback() {
    const a = new RTCPeerConnection();
    const b = new RTCPeerConnection();
    a.createDataChannel('a');
    b.createDataChannel('b');
    await a.setLocalDescription();
    await b.setLocalDescription();
    const glare = await settles(() => b.setRemoteDescription(a.localDescription)); // implicit rollback
    const state = b.signalingState;
    const explicit = await settles(() => a.setLocalDescription({ type: 'rollback' }));
    const result = { glare, state, explicit, afterRollback: a.signalingState };
    a.close();
    b.close();
    return result;
  },

  // Every RTCDataChannelInit option, read back; the spec's TypeErrors for bad ones.
  async dataChannelOptions() {
    const pc = new RTCPeerConnection();
    const read = (c) => ({ label: c.label, ordered: c.ordered, maxPacketLifeTime: c.maxPacketLifeTime, maxRetransmits: c.maxRetransmits, protocol: c.protocol, negotiated: c.negotiated, id: c.id, readyState: c.readyState, binaryType: c.binaryType, bufferedAmount: c.bufferedAmount });
    const result = {
      defaults: read(pc.createDataChannel('d')),
      unordered: read(pc.createDataChannel('u', { ordered: false, maxRetransmits: 0, protocol: 'p' })),
      lifetime: read(pc.createDataChannel('l', { maxPacketLifeTime: 100 })),
      negotiated: read(pc.createDataChannel('n', { negotiated: true, id: 7 })),
      both: outcome(() => pc.createDataChannel('b', { maxPacketLifeTime: 1, maxRetransmits: 1 })),
      negotiatedWithoutId: outcome(() => pc.createDataChannel('w', { negotiated: true })),
      idTooLarge: outcome(() => pc.createDataChannel('i', { negotiated: true, id: 65535 })),
      labelTooLong: outcome(() => pc.createDataChannel('x'.repeat(65536))),
    };
    pc.close();
    return result;
  },

  // Messages of each kind, in order; a send over maxMessageSize; a send after close.
  async dataChannelMessages() {
    let remote;
    const { a, b, extra: channel } = await connected((a, b) => {
      remote = once(b, 'datachannel').then((e) => e.channel);
      return a.createDataChannel('m');
    });
    if (channel.readyState !== 'open') await once(channel, 'open');
    const incoming = await remote;
    incoming.binaryType = 'arraybuffer';
    const received = [];
    const all = new Promise((resolve) => {
      incoming.onmessage = (e) => {
        received.push(typeof e.data === 'string' ? `text ${e.data}` : `binary ${e.data.byteLength}`);
        if (received.length === 4) resolve();
      };
    });
    channel.send('hello');
    channel.send(new Uint8Array([1, 2, 3]));
    channel.send(new Uint8Array(8).buffer);
    channel.send(new Blob(['blob!']));
    await all;
    const max = a.sctp.maxMessageSize;
    const over = max <= 1 << 20 ? outcome(() => channel.send(new Uint8Array(max + 1))) : 'limit above 1 MiB';
    const stateAfterOver = channel.readyState;
    const closedChannel = new Promise((resolve) => { channel.onclose = resolve; });
    channel.close();
    await closedChannel;
    const result = { received, over, stateAfterOver, sendAfterClose: outcome(() => channel.send('late')), stateAfterClose: channel.readyState, sctpState: a.sctp.state };
    a.close();
    b.close();
    return result;
  },

  // Tracks in, track events out: what each carries.
  async trackEvents() {
    const { audio, video, stop } = syntheticTracks();
    const stream = new MediaStream([audio, video]);
    const events = [];
    const { a, b } = await connected((a, b) => {
      a.addTrack(audio, stream);
      a.addTrack(video, stream);
      b.ontrack = (e) => events.push(e);
    });
    const result = events.map((e) => ({
      kind: e.track.kind,
      isTrackEvent: e instanceof RTCTrackEvent,
      streams: e.streams.length,
      sameStreamId: e.streams[0] && e.streams[0].id === stream.id,
      receiverTrack: e.receiver.track === e.track,
      transceiverReceiver: e.transceiver.receiver === e.receiver,
      mid: typeof e.transceiver.mid,
      direction: e.transceiver.currentDirection,
    }));
    const senders = a.getSenders().map((s) => s.track && s.track.kind);
    const removed = outcome(() => a.removeTrack(a.getSenders()[0]));
    const alreadyRemoved = outcome(() => a.removeTrack(a.getSenders()[0]));
    stop();
    a.close();
    b.close();
    return { events: result, senders, removed, alreadyRemoved };
  },

  // Transceivers before negotiation: directions, setDirection, stop, bad kinds and codecs.
  async transceivers() {
    const pc = new RTCPeerConnection();
    const t = pc.addTransceiver('audio', { direction: 'recvonly' });
    const before = { direction: t.direction, currentDirection: t.currentDirection, mid: t.mid, kind: t.receiver.track.kind };
    t.direction = 'inactive';
    const afterSet = t.direction;
    const badKind = outcome(() => pc.addTransceiver('smell'));
    const badDirection = outcome(() => pc.addTransceiver('video', { direction: 'sideways' }));
    const codecs = RTCRtpReceiver.getCapabilities('audio').codecs;
    const badCodecs = outcome(() => t.setCodecPreferences([{ mimeType: 'audio/nonsense', clockRate: 1 }]));
    const goodCodecs = outcome(() => t.setCodecPreferences(codecs));
    t.stop();
    const stopped = { direction: t.direction, setAfterStop: outcome(() => { t.direction = 'sendrecv'; }) };
    const offer = await pc.createOffer();
    pc.close();
    return { before, afterSet, badKind, badDirection, badCodecs, goodCodecs, stopped, offerAudioSections: offer.sdp.split('m=audio').length - 1 };
  },

  // getStats: before and after close; a track of no sender; selectors.
  async stats() {
    const { audio, stop } = syntheticTracks();
    const { a, b } = await connected((a) => {
      a.createDataChannel('s');
      a.addTrack(audio, new MediaStream([audio]));
    });
    const types = (report) => [...new Set([...report.values()].map((s) => s.type))].filter((t) => ['peer-connection', 'transport', 'data-channel', 'certificate'].includes(t)).sort();
    const open = await a.getStats();
    const isReport = open instanceof RTCStatsReport;
    // The sender's own report lists its outbound-rtp once RTP flows.
    const sender = a.getSenders()[0];
    let outbound = false;
    for (const started = Date.now(); !outbound && Date.now() - started < TIMEOUT_MS; await sleep(50)) {
      outbound = [...(await sender.getStats()).values()].some((s) => s.type === 'outbound-rtp');
    }
    const elsewhere = document.createElement('canvas').captureStream().getVideoTracks()[0];
    const strange = await settles(() => a.getStats(elsewhere));
    elsewhere.stop();
    a.close();
    const closed = await settles(() => a.getStats());
    const afterClose = await a.getStats().then(types, (e) => `rejected ${errorName(e)}`);
    stop();
    b.close();
    return { open: types(open), isReport, outbound, strange, closed, afterClose };
  },

  // getUserMedia: fake devices, an impossible constraint, no media asked for — and whether an
  // already-rejected promise is already rejected (settles before one rejected just after it).
  async getUserMedia() {
    const stream = await navigator.mediaDevices.getUserMedia({ audio: true, video: { width: 320, height: 240 } });
    const kinds = stream.getTracks().map((t) => t.kind).sort();
    stream.getTracks().forEach((t) => t.stop());
    const impossible = await navigator.mediaDevices.getUserMedia({ video: { width: { exact: 123457 } } }).then(
      () => 'resolved',
      (e) => `rejected ${errorName(e)} constraint=${e.constraint}`,
    );
    const order = [];
    const empty = navigator.mediaDevices.getUserMedia({});
    const emptyDone = empty.catch((e) => order.push(`getUserMedia({}) ${errorName(e)}`));
    const later = Promise.reject(new Error('later')).catch(() => order.push('rejected later'));
    await Promise.all([emptyDone, later]);
    const none = await settles(() => navigator.mediaDevices.getUserMedia());
    const falseBoth = await settles(() => navigator.mediaDevices.getUserMedia({ audio: false, video: false }));
    return { kinds, impossible, order, none, falseBoth };
  },

  // enumerateDevices: the kinds, and labels once a permission was given.
  async enumerateDevices() {
    const stream = await navigator.mediaDevices.getUserMedia({ audio: true });
    stream.getTracks().forEach((t) => t.stop());
    const devices = await navigator.mediaDevices.enumerateDevices();
    return {
      kinds: [...new Set(devices.map((d) => d.kind))].sort(),
      labelled: devices.every((d) => typeof d.label === 'string'),
      isInfo: devices.every((d) => d instanceof MediaDeviceInfo),
      supported: ['width', 'height', 'deviceId', 'echoCancellation'].map((c) => navigator.mediaDevices.getSupportedConstraints()[c]),
    };
  },

  // RTCIceCandidate and RTCSessionDescription: parsed fields, toJSON, bad input.
  async values() {
    const c = new RTCIceCandidate({ candidate: 'candidate:842163049 1 udp 1677729535 192.0.2.7 54400 typ srflx raddr 10.0.0.1 rport 9 generation 0 ufrag abcd', sdpMid: '0', sdpMLineIndex: 0 });
    const fields = ['foundation', 'component', 'priority', 'address', 'port', 'type', 'protocol', 'relatedAddress', 'relatedPort', 'tcpType', 'usernameFragment'].map((f) => `${f}=${c[f]}`);
    const description = new RTCSessionDescription({ type: 'offer', sdp: 'v=0\r\n' });
    const pc = new RTCPeerConnection();
    const result = {
      fields,
      json: JSON.stringify(c.toJSON()),
      noMid: outcome(() => new RTCIceCandidate({ candidate: 'candidate:1 1 udp 1 192.0.2.1 9 typ host' })),
      description: JSON.stringify(description.toJSON()),
      badType: outcome(() => new RTCSessionDescription({ type: 'nonsense', sdp: '' })),
      badSdp: await settles(() => pc.setRemoteDescription({ type: 'offer', sdp: 'not sdp' })),
      stillUsable: await settles(() => pc.createOffer()),
    };
    pc.close();
    return result;
  },

  // Certificates: generated, used, refused.
  async certificates() {
    const ecdsa = await RTCPeerConnection.generateCertificate({ name: 'ECDSA', namedCurve: 'P-256' });
    const pc = new RTCPeerConnection({ certificates: [ecdsa] });
    const used = pc.getConfiguration().certificates[0] === ecdsa;
    pc.close();
    return {
      expiresInFuture: ecdsa.expires > Date.now(),
      fingerprints: ecdsa.getFingerprints().map((f) => f.algorithm),
      used,
      unsupported: await settles(() => RTCPeerConnection.generateCertificate({ name: 'nonsense' })),
    };
  },

  // Configuration: read back, bad values, the legacy `url`.
  async configuration() {
    const pc = new RTCPeerConnection({ iceServers: [{ urls: 'stun:stun.example.org' }], iceTransportPolicy: 'relay', bundlePolicy: 'max-bundle' });
    const read = pc.getConfiguration();
    const result = {
      iceTransportPolicy: read.iceTransportPolicy,
      bundlePolicy: read.bundlePolicy,
      urls: JSON.stringify(read.iceServers.map((s) => s.urls)),
      badUrl: outcome(() => new RTCPeerConnection({ iceServers: [{ urls: 'http://example.org' }] })),
      turnWithoutCredential: outcome(() => new RTCPeerConnection({ iceServers: [{ urls: 'turn:example.org' }] })),
      badPolicy: outcome(() => new RTCPeerConnection({ iceTransportPolicy: 'sometimes' })),
      changeBundle: outcome(() => pc.setConfiguration({ bundlePolicy: 'balanced' })),
    };
    pc.close();
    return result;
  },

  // DTMF on a sender that cannot play yet, and bad tones.
  async dtmf() {
    const { audio, stop } = syntheticTracks();
    const pc = new RTCPeerConnection();
    const sender = pc.addTrack(audio, new MediaStream([audio]));
    const result = {
      canInsert: sender.dtmf.canInsertDTMF,
      beforeNegotiation: outcome(() => sender.dtmf.insertDTMF('1')),
      toneBuffer: sender.dtmf.toneBuffer,
    };
    stop();
    pc.close();
    return result;
  },

  // class X extends RTCPeerConnection, and what the constructor looks like.
  async subclassing() {
    class Tagged extends RTCPeerConnection {
      constructor(configuration) {
        super(configuration);
        this.tag = 'tagged';
      }
    }
    const pc = new Tagged();
    const result = {
      instanceOfNative: pc instanceof RTCPeerConnection,
      instanceOfSubclass: pc instanceof Tagged,
      ownField: pc.tag,
      length: RTCPeerConnection.length,
      name: RTCPeerConnection.name,
      toStringTag: Object.prototype.toString.call(pc),
      staticGenerateCertificate: typeof Tagged.generateCertificate,
      constructorProperty: pc.constructor === Tagged,
      withoutNew: outcome(() => RTCPeerConnection()),
    };
    pc.close();
    return result;
  },
};

// One scenario by name, for the Rust shim test (tests/shim.rs), which runs it before and after
// install in one page.
export const { subclassing } = SCENARIOS;

// Runs every scenario in order, each within TIMEOUT_MS: name -> what it returned, or
// "threw X", or "timeout" (which the comparison always counts as a failure).
export async function runAll() {
  const results = {};
  for (const [name, scenario] of Object.entries(SCENARIOS)) {
    let timer;
    const timeout = new Promise((resolve) => { timer = setTimeout(() => resolve('timeout'), TIMEOUT_MS); });
    try {
      results[name] = await Promise.race([scenario(), timeout]);
    } catch (error) {
      results[name] = `threw ${errorName(error)}: ${error && error.message}`;
    } finally {
      clearTimeout(timer);
    }
  }
  return results;
}

// JSON of any value, whatever it holds: undefined, NaN, functions, symbols and cycles are
// written as text instead of lost or thrown.
export function toJson(value) {
  const seen = new WeakSet();
  return JSON.stringify(value, (key, v) => {
    if (v === undefined) return '(undefined)';
    if (typeof v === 'number' && !Number.isFinite(v)) return `(${v})`;
    if (typeof v === 'function' || typeof v === 'symbol' || typeof v === 'bigint') return `(${typeof v})`;
    if (v !== null && typeof v === 'object') {
      if (seen.has(v)) return '(cycle)';
      seen.add(v);
    }
    return v;
  }, 1);
}
