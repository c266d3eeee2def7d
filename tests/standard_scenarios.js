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
  const stats = await a.getStats();
  return { statsAfterClose: stats.size };
}

export function subclassing() {
  class Tagged extends RTCPeerConnection {
    constructor(config) {
      super(config);
      this.tag = 'tagged';
    }
  }
  const pc = new Tagged();
  const facts = {
    instanceOfNative: pc instanceof RTCPeerConnection,
    instanceOfSubclass: pc instanceof Tagged,
    ownField: pc.tag,
    constructorLength: RTCPeerConnection.length,
    toStringTag: Object.prototype.toString.call(pc),
    staticGenerateCertificate: typeof Tagged.generateCertificate,
    name: RTCPeerConnection.name,
  };
  pc.close();
  return facts;
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
