// RTCIceServer.url accepted as urls, in the constructor and setConfiguration (see
// ice_server_urls.rs).
import { wrapMethod } from './glue.js';

const legacy = (server) => server != null && server.url != null && server.urls == null;

// A configuration whose ICE servers' url members are renamed urls (where urls is absent).
function translate(configuration) {
  const servers = configuration?.iceServers;
  if (!Array.isArray(servers) || !servers.some(legacy)) return configuration;
  const iceServers = servers.map((server) => {
    if (!legacy(server)) return server;
    const renamed = Object.assign({}, server, { urls: server.url });
    delete renamed.url;
    return renamed;
  });
  return Object.assign({}, configuration, { iceServers });
}

// A stand-in for the constructor Native that passes its first argument through translate.
// Everything else stays the browser's: the same prototype object (so instanceof holds for every
// connection and patches to RTCPeerConnection.prototype reach them), new.target (so
// `class X extends RTCPeerConnection` builds X instances), the name, length and the statics
// (inherited from Native).
function translatingConstructor(Native) {
  const RTCPeerConnection = function RTCPeerConnection(...args) {
    if (!new.target) {
      throw new TypeError("Failed to construct 'RTCPeerConnection': Please use the 'new' operator.");
    }
    if (args.length > 0) args[0] = translate(args[0]);
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
    wrapMethod(proto, 'setConfiguration', (pc, native, args) => Reflect.apply(native, pc, [translate(args[0])]));
  }
  if (!Reflect.set(global, 'RTCPeerConnection', translatingConstructor(Native))) {
    throw new TypeError('RTCPeerConnection cannot be replaced on this global');
  }
}
