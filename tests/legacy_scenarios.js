// Old code, as it was written before the promise and track APIs: runs only with the opt-in
// legacy shims.

function syntheticStream() {
  const canvas = document.createElement('canvas');
  canvas.width = 64; canvas.height = 48;
  canvas.getContext('2d').fillRect(0, 0, 64, 48);
  return canvas.captureStream(5);
}

export async function oldCode() {
  const a = new webkitRTCPeerConnection();
  const b = new webkitRTCPeerConnection();
  a.onicecandidate = (e) => e.candidate && b.addIceCandidate(e.candidate, () => {}, () => {});
  b.onicecandidate = (e) => e.candidate && a.addIceCandidate(e.candidate, () => {}, () => {});
  const stream = syntheticStream();
  a.addStream(stream);
  const added = new Promise((resolve) => { b.onaddstream = (e) => resolve(e.stream); });
  const offer = await new Promise((resolve, reject) => a.createOffer(resolve, reject));
  await new Promise((resolve, reject) => a.setLocalDescription(offer, resolve, reject));
  await new Promise((resolve, reject) => b.setRemoteDescription(offer, resolve, reject));
  const answer = await new Promise((resolve, reject) => b.createAnswer(resolve, reject));
  await new Promise((resolve, reject) => b.setLocalDescription(answer, resolve, reject));
  await new Promise((resolve, reject) => a.setRemoteDescription(answer, resolve, reject));
  const remote = await added;
  const facts = {
    remoteStreamId: remote.id === stream.id,
    localStreams: a.getLocalStreams().length,
    remoteStreams: b.getRemoteStreams().length,
    remoteIsListed: b.getRemoteStreams()[0] === remote,
  };
  a.removeStream(stream);
  facts.localAfterRemove = a.getLocalStreams().length;
  await new Promise((r) => setTimeout(r, 50)); // Firefox clears sender.track asynchronously
  facts.sendersWithTrack = a.getSenders().filter((s) => s.track).length;
  let failed = null;
  await new Promise((resolve) => a.setRemoteDescription({ type: 'answer', sdp: 'garbage' }, resolve, (e) => { failed = e.name; resolve(); }));
  facts.failureCallback = failed;
  facts.camera = await new Promise((resolve, reject) => navigator.getUserMedia({ video: true }, (s) => {
    s.getTracks().forEach((t) => t.stop());
    resolve(s.getVideoTracks().length);
  }, reject));
  stream.getTracks().forEach((t) => t.stop());
  a.close(); b.close();
  return facts;
}

// Which legacy members this browser still has natively.
export function nativeLegacy() {
  const p = RTCPeerConnection.prototype;
  return {
    prefixes: typeof webkitRTCPeerConnection === 'function',
    streams: ['addStream', 'removeStream', 'getLocalStreams', 'getRemoteStreams', 'onaddstream'].every((m) => m in p),
    getUserMedia: typeof navigator.getUserMedia === 'function',
  };
}
