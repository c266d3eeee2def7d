// An unmodified simple-peer 9.11.1 (its browser bundle from npm, evaluated once) driven for
// tests/simple_peer.rs. No callbacks into wasm: what the peer emits is kept here, and the test
// polls it.

/** Evaluates simple-peer's browser bundle (a UMD script that sets `window.SimplePeer`). */
export function loadSimplePeer(source) {
  if (typeof globalThis.SimplePeer !== "function") {
    new Function(source).call(globalThis);
  }
  return typeof globalThis.SimplePeer === "function";
}

/** One simple-peer peer and what it emitted. */
export class DrivenPeer {
  constructor(initiator) {
    this.outbox = [];
    this.data = [];
    this.tracks = [];
    this.errors = [];
    this.connected = false;
    this.peer = new globalThis.SimplePeer({ initiator, trickle: true });
    this.peer.on("signal", (data) => this.outbox.push(JSON.stringify(data)));
    this.peer.on("connect", () => { this.connected = true; });
    this.peer.on("data", (data) =>
      this.data.push(typeof data === "string" ? data : new TextDecoder().decode(data)));
    this.peer.on("track", (track) => this.tracks.push(track.kind));
    this.peer.on("error", (error) => this.errors.push(`${error.code}: ${error.message}`));
  }

  /** The signal data it emitted since the last call, each as JSON text. */
  takeSignals() {
    const out = this.outbox;
    this.outbox = [];
    return out;
  }

  signal(json) { this.peer.signal(json); }
  send(text) { this.peer.send(text); }
  addTrack(track) { this.peer.addTrack(track, new MediaStream([track])); }
  destroy() { this.peer.destroy(); }
}
