// An engine that follows webrtc-pc's close steps: closing a connection marks its data channels
// closed without firing `close` at them (Chromium and Firefox fire it anyway). Made by keeping
// `close` listeners added to RTCDataChannels from ever hearing one, until restored.
export function suppressChannelCloseEvents() {
  const proto = RTCDataChannel.prototype;
  const rename = (type) => (type === 'close' ? 'close (suppressed)' : type);
  const add = EventTarget.prototype.addEventListener;
  const remove = EventTarget.prototype.removeEventListener;
  Object.defineProperty(proto, 'addEventListener', {
    value(type, listener, options) { return add.call(this, rename(type), listener, options); },
    configurable: true,
    writable: true,
  });
  Object.defineProperty(proto, 'removeEventListener', {
    value(type, listener, options) { return remove.call(this, rename(type), listener, options); },
    configurable: true,
    writable: true,
  });
  return () => {
    delete proto.addEventListener;
    delete proto.removeEventListener;
  };
}
