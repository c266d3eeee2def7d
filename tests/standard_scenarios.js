// Standard-API scenarios written the way a JavaScript user writes them, to run with and without
// the shim. Each throws on a deviation from the spec and returns what varies by browser.

export async function twoPeersWithPromises() {
  const a = new RTCPeerConnection();
  const b = new RTCPeerConnection();
  const added = [];
  a.onicecandidate = (e) => added.push(b.addIceCandidate(e.candidate)); // null at the end
  b.onicecandidate = (e) => added.push(a.addIceCandidate(e.candidate));
  const channel = a.createDataChannel('chat');
  const received = new Promise((resolve) => {
    b.ondatachannel = (e) => { e.channel.onmessage = (m) => resolve(m.data); };
  });
  await a.setLocalDescription(); // parameterless
  await b.setRemoteDescription(a.localDescription);
  await b.setLocalDescription();
  await a.setRemoteDescription(b.localDescription);
  await new Promise((resolve) => { channel.onopen = resolve; });
  channel.send('hello');
  if ((await received) !== 'hello') throw new Error('the message did not arrive');
  await Promise.all(added); // every addIceCandidate, end-of-candidates included, resolved
  await a.addIceCandidate(null);
  await a.addIceCandidate({ candidate: '' , sdpMid: '0' });
  const candidate = new RTCIceCandidate({ candidate: 'candidate:1 1 udp 2122260223 192.0.2.7 54400 typ host', sdpMid: '0' });
  if (candidate.port !== 54400 || candidate.type !== 'host' || candidate.protocol !== 'udp') throw new Error('candidate fields');
  a.close();
  b.close();
  // The spec lets getStats run after close: it resolves with the last stats.
  const stats = await a.getStats();
  return { statsAfterClose: [...stats.values()].some((s) => s.type === 'peer-connection') ? 'with peer-connection' : 'without' };
}

export function isNative(object, name) {
  return /\[native code\]/.test(Function.prototype.toString.call(object[name]));
}

export async function legacyConstraints() {
  const stream = await navigator.mediaDevices.getUserMedia({ video: { mandatory: { minWidth: 320 } }, audio: undefined });
  const settings = stream.getVideoTracks()[0].getSettings();
  stream.getTracks().forEach((t) => t.stop());
  return { tracks: stream.getTracks().length, width: settings.width };
}

async function connect(a, b) {
  a.onicecandidate = (e) => b.addIceCandidate(e.candidate);
  b.onicecandidate = (e) => a.addIceCandidate(e.candidate);
  await a.setLocalDescription();
  await b.setRemoteDescription(a.localDescription);
  await b.setLocalDescription();
  await a.setRemoteDescription(b.localDescription);
}

// Sends exactly maxMessageSize bytes, then one more: returns what happened to the second.
export async function dataChannelAtAndOverMaxMessageSize() {
  const a = new RTCPeerConnection();
  const b = new RTCPeerConnection();
  const channel = a.createDataChannel('limit');
  const received = [];
  const gotOne = new Promise((resolve) => {
    b.ondatachannel = (e) => { e.channel.binaryType = 'arraybuffer'; e.channel.onmessage = (m) => { received.push(m.data.byteLength); resolve(); }; };
  });
  await connect(a, b);
  await new Promise((resolve) => { channel.onopen = resolve; });
  const max = a.sctp.maxMessageSize;
  // Firefox allows ~1 GiB: send at most 256 KiB at the limit, still exactly the limit where lower.
  const atLimit = Math.min(max, 262144);
  channel.send(new Uint8Array(atLimit));
  await gotOne;
  let over = 'sent';
  let overString = 'sent';
  let overWhileConnecting = 'sent';
  if (max <= 262144) {
    try { channel.send(new Uint8Array(max + 1)); } catch (e) { over = e.name; }
    // Within the limit in UTF-16 code units, over it in UTF-8 bytes (what goes on the wire).
    try { channel.send('\u00e9'.repeat(Math.floor(max / 2) + 1)); } catch (e) { overString = e.name; }
    // The state is checked first: a channel that is not open yet says so, whatever the size.
    const connecting = a.createDataChannel('not-yet');
    try { connecting.send(new Uint8Array(max + 1)); } catch (e) { overWhileConnecting = e.name; }
  } else {
    over = overString = overWhileConnecting = 'limit above 256 KiB';
  }
  const state = channel.readyState;
  a.close(); b.close();
  return { atLimit, received: received[0], over, overString, overWhileConnecting, stateAfter: state, max };
}

function syntheticTracks() {
  const canvas = document.createElement('canvas');
  canvas.width = 160; canvas.height = 120;
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = 'green'; ctx.fillRect(0, 0, 160, 120);
  const video = canvas.captureStream(10).getVideoTracks()[0];
  const audioContext = new AudioContext();
  const oscillator = audioContext.createOscillator();
  const destination = audioContext.createMediaStreamDestination();
  oscillator.connect(destination); oscillator.start();
  const audio = destination.stream.getAudioTracks()[0];
  return { audio, video, stop: () => { video.stop(); audio.stop(); audioContext.close(); } };
}

// A synthetic call: what ontrack events carry.
export async function ontrackFields() {
  const a = new RTCPeerConnection();
  const b = new RTCPeerConnection();
  const { audio, video, stop } = syntheticTracks();
  const stream = new MediaStream([audio, video]);
  a.addTrack(audio, stream);
  a.addTrack(video, stream);
  const events = [];
  b.ontrack = (e) => events.push(e);
  await connect(a, b);
  const result = events.map((e) => ({
    kind: e.track.kind,
    inSentStream: !!e.streams[0] && e.streams[0].id === stream.id,
    receiverTrackIsTrack: e.receiver.track === e.track,
    transceiverReceiverIsReceiver: !!e.transceiver && e.transceiver.receiver === e.receiver,
  }));
  stop(); a.close(); b.close();
  return { events: result };
}

// DTMF through sender.dtmf: tones in order, then the empty tonechange.
export async function dtmfTones() {
  const a = new RTCPeerConnection();
  const b = new RTCPeerConnection();
  const { audio, video, stop } = syntheticTracks();
  video.stop();
  const sender = a.addTrack(audio, new MediaStream([audio]));
  await connect(a, b);
  await new Promise((resolve) => {
    const check = () => (a.connectionState === 'connected' ? resolve() : setTimeout(check, 20));
    check();
  });
  while (!sender.dtmf.canInsertDTMF) await new Promise((r) => setTimeout(r, 20));
  const tones = [];
  const done = new Promise((resolve) => {
    sender.dtmf.ontonechange = (e) => { tones.push(e.tone); if (e.tone === '') resolve(); };
  });
  sender.dtmf.insertDTMF('12#', 40, 30);
  await done;
  stop(); a.close(); b.close();
  return { tones: tones.join('|') };
}

// Old "receive only" code: which m-lines the offer has, and their directions; then the same
// call on the closed connection: how it fails (a rejection, never a throw).
export async function offerToReceive() {
  const pc = new RTCPeerConnection();
  const offer = await pc.createOffer({ offerToReceiveAudio: true, offerToReceiveVideo: true });
  pc.close();
  const lines = offer.sdp.split('\r\n').filter((l) => l.startsWith('m=') || l === 'a=recvonly').map((l) => l.split(' ')[0]).join(' ');
  let closed;
  try {
    closed = await pc.createOffer({ offerToReceiveAudio: true }).then(() => 'resolved', (e) => `rejected ${e.name} ${e instanceof DOMException}`);
  } catch (e) {
    closed = `threw ${e.name}`;
  }
  return `${lines} | closed: ${closed}`;
}

// Where getUserMedia is, and what it looks like.
export function getUserMediaFacts() {
  const own = Object.keys(navigator.mediaDevices).includes('getUserMedia');
  const f = navigator.mediaDevices.getUserMedia;
  return {
    ownEnumerable: own,
    onPrototype: f === MediaDevices.prototype.getUserMedia,
    name: f.name,
    length: f.length,
  };
}
