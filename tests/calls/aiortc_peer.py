#!/usr/bin/env python3
"""A server-side peer we did not write: aiortc (PyPI) answering a wasm-rtc browser's call.

It joins a room on a nats-server (through nats-py, the server's plain TCP port) and speaks the
crate's documented `Signal` JSON on subject `wasm-rtc.<room>`, as the browser's `Negotiator`
does: `hello` back to a new peer, an answer to each new offer (an offer repeated for a peer
that said `hello` late has the `o=` line of the one applied, and is answered once; aiortc gathers its candidates before
it answers, so they are in the SDP, followed by `end-of-candidates`), the browser's trickled
candidates added as they come, and `bye` ending the call. It echoes every text message on the
pre-negotiated channel `chat` (id 0) as `echo:<text>`, and sends the browser's own audio and
video back (decoded, then encoded again).

    aiortc_peer.py --nats nats://127.0.0.1:4222 --token T --room R [--me aiortc]

Everything it sees is one JSON object per line on stdout, for tests/calls/run.py:
`{"event": "ready"}` once subscribed, `{"event": "connection", "state": …}` on every change,
and on `bye` (or SIGTERM) a `{"event": "summary", …}`: messages echoed, audio and video frames
received, the browser's host candidates by kind (IP address or mDNS `.local` name) and the
candidate pair ICE chose, then it exits.
"""
import argparse
import asyncio
import json
import signal
import sys

import nats
from aiortc import RTCPeerConnection, RTCSessionDescription
from aiortc.contrib.media import MediaRelay
from aiortc.sdp import candidate_from_sdp


def emit(event, **fields):
    print(json.dumps({"event": event, **fields}), flush=True)


class Peer:
    def __init__(self, nc, subject, me, room):
        self.nc = nc
        self.subject = subject
        self.me = me
        self.room = room
        self.peers = set()
        self.pc = None
        self.offer_origin = None
        self.pair = None
        self.relay = MediaRelay()
        self.echoed = 0
        self.frames = {"audio": 0, "video": 0}
        self.remote_hosts = {"ip": 0, "mdns": 0}
        self.errors = []
        self.tasks = []
        self.done = asyncio.Event()

    async def send(self, kind, **fields):
        signal_ = {"type": kind, "from": self.me, "call": self.room, **fields}
        await self.nc.publish(self.subject, json.dumps(signal_).encode())

    async def receive(self, msg):
        try:
            signal_ = json.loads(msg.data)
            if signal_.get("from") == self.me or signal_.get("call") != self.room:
                return
            await self.handle(signal_)
        except Exception as error:  # reported, and the call goes on (as the Negotiator does)
            self.errors.append(f"{type(error).__name__}: {error}")
            emit("error", error=self.errors[-1])

    async def handle(self, signal_):
        kind = signal_["type"]
        if kind == "hello":
            if signal_["from"] not in self.peers:
                self.peers.add(signal_["from"])
                await self.send("hello")
        elif kind == "description":
            description = signal_["description"]
            if description["type"] != "offer":
                raise ValueError(f"a {description['type']} (this peer only answers)")
            await self.answer(description["sdp"])
        elif kind == "candidate":
            await self.add_candidate(signal_["candidate"])
        elif kind == "end-of-candidates":
            if self.pc is not None:
                await self.pc.addIceCandidate(None)
        elif kind == "bye":
            self.done.set()

    def connection(self):
        pc = RTCPeerConnection()

        @pc.on("connectionstatechange")
        def _state():
            emit("connection", state=pc.connectionState)
            if pc.connectionState == "connected":
                self.pair = self.selected_pair()

        @pc.on("track")
        def _track(track):
            # Back to the browser on the transceiver it offered, and counted here.
            pc.addTrack(self.relay.subscribe(track))
            self.tasks.append(asyncio.ensure_future(self.count(self.relay.subscribe(track))))

        chat = pc.createDataChannel("chat", negotiated=True, id=0)

        @chat.on("message")
        def _message(message):
            if isinstance(message, str):
                chat.send(f"echo:{message}")
                self.echoed += 1

        return pc

    async def count(self, track):
        try:
            while True:
                await track.recv()
                self.frames[track.kind] += 1
        except Exception:  # the track ended (MediaStreamError) with the call
            pass

    async def answer(self, sdp):
        origin = next((line.split()[1:3] for line in sdp.splitlines() if line.startswith("o=")), None)
        if origin is not None and origin == self.offer_origin:
            return  # the same offer again: answered already
        self.offer_origin = origin
        if self.pc is None:
            self.pc = self.connection()
        await self.pc.setRemoteDescription(RTCSessionDescription(sdp=sdp, type="offer"))
        await self.pc.setLocalDescription(await self.pc.createAnswer())
        local = self.pc.localDescription
        await self.send("description", description={"type": local.type, "sdp": local.sdp})
        await self.send("end-of-candidates")

    async def add_candidate(self, init):
        line = init.get("candidate", "")
        if not line or self.pc is None:
            return
        candidate = candidate_from_sdp(line.split(":", 1)[1] if line.startswith("candidate:") else line)
        candidate.sdpMid = init.get("sdpMid")
        candidate.sdpMLineIndex = init.get("sdpMLineIndex")
        if candidate.type == "host":
            self.remote_hosts["mdns" if candidate.ip.endswith(".local") else "ip"] += 1
        await self.pc.addIceCandidate(candidate)

    def selected_pair(self):
        """The pair ICE nominated, as `local type address -> remote type address` (aioice's
        connection is not public API: None if it cannot be read)."""
        try:
            connection = self.pc.sctp.transport.transport._connection
            pair = next(iter(connection._nominated.values()))
            local, remote = pair.local_candidate, pair.remote_candidate
            return f"{local.type} {local.host} -> {remote.type} {remote.host}"
        except Exception:
            return None

    def summary(self):
        return {
            "echoed": self.echoed,
            "frames": self.frames,
            "remoteHostCandidates": self.remote_hosts,
            "selectedPair": self.pair,
            "errors": self.errors,
        }


async def run(args):
    nc = await nats.connect(args.nats, token=args.token, name="aiortc-peer")
    peer = Peer(nc, f"wasm-rtc.{args.room}", args.me, args.room)
    await nc.subscribe(peer.subject, cb=peer.receive)
    await nc.flush()
    await peer.send("hello")
    emit("ready")
    loop = asyncio.get_running_loop()
    loop.add_signal_handler(signal.SIGTERM, peer.done.set)
    await peer.done.wait()
    emit("summary", **peer.summary())
    if peer.pc is not None:
        await peer.pc.close()
    for task in peer.tasks:
        task.cancel()
    await nc.close()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--nats", required=True)
    parser.add_argument("--token")
    parser.add_argument("--room", required=True)
    parser.add_argument("--me", default="aiortc")
    asyncio.run(run(parser.parse_args()))


if __name__ == "__main__":
    sys.exit(main())
