// Opt-in: addStream, removeStream, getLocalStreams, getRemoteStreams and addstream events,
// built on tracks (see legacy_streams.rs).
import { dispatch, eventHandlerAttribute, eventTarget, listenOnce, mark, wrapMethod } from './glue.js';

const LOCAL = mark('local-streams');
const REMOTE = mark('remote-streams');

// The connection's list under key (created empty).
function list(pc, key) {
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
      const local = list(this, LOCAL);
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
      const local = list(this, LOCAL);
      const index = local.indexOf(stream);
      if (index >= 0) local.splice(index, 1);
    },
    localSet,
  );
  define('getLocalStreams', function () { return list(this, LOCAL).slice(); }, localSet);
  define('getRemoteStreams', function () { return list(this, REMOTE).slice(); }, false);
  if (announce) eventHandlerAttribute(proto, 'addstream');
  // Remembers each new remote stream of a track event and, where the browser has no addstream
  // of its own, announces it.
  const onTrack = (event) => {
    const pc = eventTarget(event);
    const remote = list(pc, REMOTE);
    for (const stream of Array.isArray(event.streams) ? event.streams : []) {
      if (remote.includes(stream)) continue;
      remote.push(stream);
      if (announce) dispatch(pc, 'addstream', { stream });
    }
  };
  // Remote tracks come with a remote description: start collecting their streams then.
  wrapMethod(proto, 'setRemoteDescription', (pc, native, args) => {
    listenOnce(pc, 'remote-streams', 'track', onTrack);
    return Reflect.apply(native, pc, args);
  });
}
