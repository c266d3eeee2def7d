#!/usr/bin/env python3
"""Calls between two browser processes, signaled through a real nats-server (part of the README's
test command, scripts/test.sh).

Headless Chromium and headless Firefox, each in its own WebDriver session, open the page built
from tests/calls/page (one side of a call: NatsSignaling + Negotiator + synthetic video + a
data channel; it reports on window.callStatus) and meet in a room:

1. one server: the call connects; each side decodes the other's video (frame numbers read from
   the pixels advance, the picture is not blank); 100 messages each way arrive in order. The
   server is then restarted mid-call: both transports reconnect, the connection stays
   `connected`, video keeps advancing, 100 more messages each way arrive, and a channel added
   afterwards is negotiated through the restarted server. Then the server goes silent (SIGSTOP,
   its sockets open): both transports find out by their unanswered PINGs, and reconnect once it
   is back (SIGCONT), the call going on. Chromium hangs up (bye): Firefox's connection is
   `closed` within 5 s.
2. relay only, through coturn (scripts/turn_server.py): connected; both sides keep sending
   1,000 numbered messages on the reliable ordered chat channel while coturn is stopped and
   started again on the same ports; the negotiators' reconnection policy restarts ICE until
   the call is back, and every message arrives, in order, none twice.
3. a three-node cluster (routes between the nodes): Chromium on node 1, Firefox on node 3; the
   same call connects, and Firefox hangs up.
4. a peer we did not write: aiortc (tests/calls/aiortc_peer.py, in a virtualenv made here from
   tests/calls/requirements.txt) joins the room through nats-py and answers each browser in turn,
   the browsers as users have them (host addresses hidden behind mDNS names). The browser offers
   video, audio and a data channel; aiortc echoes 20 messages and sends the audio and video
   back; the browser decodes the video it sent (its frame numbers advance) and receives audio
   packets; aiortc decoded audio and video frames; the browser hangs up (bye).

    python3 tests/calls/run.py [--no-build] [--only single|relay|cluster|aiortc]

Builds the page (wasm-pack, into tests/calls/pkg), serves tests/calls on a free loopback port,
starts nats-server itself (scripts/nats_server.py), prints what it measured, exits 0 if every
check passed.
"""
import argparse
import functools
import http.server
import json
import os
import random
import subprocess
import sys
import threading
import time
import urllib.parse

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(ROOT, "scripts"))
from nats_server import NatsCluster, NatsServer  # noqa: E402
from turn_server import TurnServer  # noqa: E402
from webdriver import Browser, free_port  # noqa: E402

TOKEN = f"call-token-{random.randrange(1 << 30)}"
VENV = os.path.join(ROOT, "target", "interop-venv")
MESSAGES = 100


class Failure(Exception):
    pass


def say(text):
    print(f"\033[1m[calls]\033[0m {text}", flush=True)


def build():
    say("building tests/calls/page into tests/calls/pkg")
    env = dict(os.environ, CARGO_TARGET_DIR=os.path.join(ROOT, "target"))
    subprocess.run(["wasm-pack", "build", os.path.join(HERE, "page"), "--release", "--target", "web",
                    "--out-dir", "../pkg", "--no-pack"], check=True, env=env)


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *_):
        pass


def serve():
    """Serves tests/calls on a free loopback port from a thread; returns (server, base URL)."""
    port = free_port()
    handler = functools.partial(Quiet, directory=HERE)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{port}/index.html"


class Side:
    """One browser's page of the call."""

    def __init__(self, browser, me):
        self.browser = browser
        self.me = me

    def open(self, page, nats_url, room, polite, turn=None, audio=False):
        query = f"nats={nats_url}&token={TOKEN}&room={room}&me={self.me}&polite={1 if polite else 0}"
        if audio:
            query += "&audio=1"
        if turn:
            url, user, password = turn
            query += f"&turn={urllib.parse.quote(url)}&turnUser={user}&turnPassword={password}"
        self.browser.open(f"{page}?{query}")

    def status(self):
        text = self.browser.execute("return JSON.stringify(window.callStatus || null)")
        return json.loads(text) if text else None

    def call(self, expression):
        """Runs `window.call.<expression>` in the page (awaiting a promise it returns)."""
        return self.browser.execute(f"return window.call.{expression}")


def wait(sides, what, timeout_s, check):
    """Polls both sides' status until `check(a, b)` holds; Failure (with both) after the timeout."""
    deadline = time.monotonic() + timeout_s
    started = time.monotonic()
    while True:
        statuses = [side.status() or {} for side in sides]
        for side, status in zip(sides, statuses):
            if status.get("fatal"):
                raise Failure(f"{side.me}: {status['fatal']}")
        if check(*statuses):
            return time.monotonic() - started
        if time.monotonic() > deadline:
            raise Failure(f"{what}: not within {timeout_s} s\n" + "\n".join(
                f"  {side.me}: {json.dumps(summary(status))}" for side, status in zip(sides, statuses)))
        time.sleep(0.2)


def summary(status):
    """A status without its long lists (their lengths and last items instead)."""
    short = {}
    for key, value in status.items():
        if isinstance(value, list) and len(value) > 6:
            short[key] = f"{len(value)} items, last: {value[-3:]}"
        else:
            short[key] = value
    return short


def both(check):
    return lambda a, b: check(a) and check(b)


def exchange(sides, tag):
    """100 messages each way; all arrive, in order."""
    before = [len(side.status().get("received", [])) for side in sides]
    for side in sides:
        side.call(f"send_messages('{tag}-{side.me}', {MESSAGES})")
    for side, other, skip in ((sides[0], sides[1], before[0]), (sides[1], sides[0], before[1])):
        expected = [f"{tag}-{other.me}-{i}" for i in range(MESSAGES)]
        wait([side, other], f"{MESSAGES} messages {other.me} -> {side.me}", 15,
             lambda a, b: len(a.get("received", [])) >= skip + MESSAGES)
        got = side.status()["received"][skip:]
        if got != expected:
            raise Failure(f"{other.me} -> {side.me}: not all, or not in order: {got[:5]}…")


def video_advances(sides, timeout_s=15):
    """Each side decodes the other's video: a readable frame number that goes up, not blank."""
    wait(sides, "remote video decoded, not blank", timeout_s,
         both(lambda s: s.get("remoteNonBlank") is True and (s.get("remoteFrame") or -1) >= 0))
    first = [side.status()["remoteFrame"] for side in sides]
    wait(sides, "remote video frame numbers advance", timeout_s,
         lambda a, b: a.get("remoteFrame", -1) > first[0] and b.get("remoteFrame", -1) > first[1]
         and a.get("remoteNonBlank") and b.get("remoteNonBlank"))
    return [side.status()["remoteFrame"] for side in sides]


def no_errors(sides):
    for side in sides:
        status = side.status()
        errors = status.get("errors", [])
        if errors:
            raise Failure(f"{side.me} reported errors: {errors}\n  its negotiation: "
                          f"{status.get('negotiation')}\n  its connection: {status.get('connectionLog')}, "
                          f"call: {status.get('callStateLog')}")


def stall_and_resume(sides, pause, resume):
    """The server goes silent (SIGSTOP), its sockets open: the transports find out by their
    unanswered PINGs and reconnect once it is back (SIGCONT); the call is not interrupted."""
    log_before = [len(side.status().get("connectionLog", [])) for side in sides]
    errors_before = [len(side.status().get("transportErrors", [])) for side in sides]
    pause()
    try:
        took = wait(sides, "a silent server found out (unanswered PINGs)", 15,
                    lambda a, b: all(any("PING" in e for e in s.get("transportErrors", [])[n:])
                                     for s, n in ((a, errors_before[0]), (b, errors_before[1]))))
        say(f"  server silenced (SIGSTOP): both transports found out in {took:.1f} s")
    finally:
        resume()
    took = wait(sides, "transports reconnected after the server resumed", 30,
                both(lambda s: s.get("transport") == "connected"))
    say(f"  server resumed (SIGCONT): both transports connected again in {took:.1f} s")
    for side, n in zip(sides, log_before):
        status = side.status()
        changes = status.get("connectionLog", [])[n:]
        if changes or status.get("connection") != "connected":
            raise Failure(f"{side.me}: the call was interrupted by the silent server: {changes}")
    exchange(sides, "after-stall")
    say("  the call went on: 100 messages each way")


def call(sides, page, urls, restart=None, stall=None, hang_up_by=0):
    """One call between `sides` (Chromium polite), each on its nats URL; see the module docs."""
    room = f"room-{random.randrange(1 << 40)}"
    for side, url, polite in zip(sides, urls, (True, False)):
        side.open(page, url, room, polite)
    took = wait(sides, "connected, chat open", 40,
                both(lambda s: s.get("connection") == "connected" and s.get("chatOpen") is True))
    say(f"  connected and chat open in {took:.1f} s")
    frames = video_advances(sides)
    say(f"  video decoded both ways, not blank (remote frame numbers {frames[0]}, {frames[1]})")
    exchange(sides, "m")
    say(f"  {MESSAGES} messages each way, in order")
    if restart:
        log_before = [len(side.status().get("connectionLog", [])) for side in sides]
        down = time.monotonic()
        restart()
        took = wait(sides, "transports reconnected after the server restart", 30,
                    both(lambda s: any(e.startswith("reconnecting") for e in s.get("transportLog", []))
                         and s.get("transport") == "connected"))
        say(f"  server restarted: both transports reconnected {time.monotonic() - down:.1f} s after the stop")
        for side, n in zip(sides, log_before):
            status = side.status()
            changes = status.get("connectionLog", [])[n:]
            if changes or status.get("connection") != "connected":
                raise Failure(f"{side.me}: the call was interrupted by the restart: {changes}")
        video_advances(sides)
        exchange(sides, "after-restart")
        sides[0].call("add_channel('after-restart')")
        wait(sides, "a channel negotiated through the restarted server", 20,
             lambda a, b: "after-restart" in b.get("channels", []))
        say("  the call went on: video, 100 messages each way, and a renegotiation afterwards")
    if stall:
        stall_and_resume(sides, *stall)
    no_errors(sides)
    hanging, other = sides[hang_up_by], sides[1 - hang_up_by]
    started = time.monotonic()
    hanging.call("hang_up()")
    took = wait(sides, f"{other.me} sees the connection closed after {hanging.me} hangs up", 5,
                lambda *statuses: statuses[1 - hang_up_by].get("connection") == "closed")
    say(f"  {hanging.me} hung up: {other.me}'s connection closed {took * 1000:.0f} ms later "
        f"({(time.monotonic() - started) * 1000:.0f} ms including WebDriver)")


NUMBERED = 1000


def relay_call(sides, page, nats_url, turn):
    """A relay-only call through coturn; coturn is stopped mid-call and started again on the
    same ports: the negotiators restart ICE until the call is back, and a reliable ordered
    channel that kept sending numbered messages throughout delivers every one, in order, once."""
    room = f"room-{random.randrange(1 << 40)}"
    credentials = (turn.urls[0], turn.user, turn.password)
    for side, polite in zip(sides, (True, False)):
        side.open(page, nats_url, room, polite, turn=credentials)
    took = wait(sides, "connected through the relay, chat open", 40,
                both(lambda s: s.get("callState") == "Connected" and s.get("chatOpen") is True))
    say(f"  connected through the relay in {took:.1f} s")
    for side in sides:
        side.browser.execute(
            f"window.call.send_numbered('n-{side.me}', {NUMBERED}, 10)"
            ".catch((e) => { window.callStatus.fatal = 'send_numbered: ' + e; }); return null")
    wait(sides, "numbered messages flowing", 20,
         both(lambda s: s.get("sentNumbered", 0) >= 200))
    logs_before = [len(side.status().get("callStateLog", [])) for side in sides]
    turn.stop()
    stopped = time.monotonic()
    took = wait(sides, "the broken path found (reconnecting)", 30,
                lambda a, b: all(any(e.startswith("Reconnecting") for e in s.get("callStateLog", [])[n:])
                                 for s, n in ((a, logs_before[0]), (b, logs_before[1]))))
    say(f"  coturn stopped: both sides reconnecting {took:.1f} s later")
    time.sleep(1.0)
    turn.start()
    started = time.monotonic()
    took = wait(sides, "the call back (connected) after coturn started again", 60,
                both(lambda s: s.get("callState") == "Connected" and s.get("chatOpen") is True))
    restarts = [max((int(e.split("(")[1].rstrip(")")) for e in side.status().get("callStateLog", [])
                     if e.startswith("Reconnecting")), default=0) for side in sides]
    say(f"  coturn started again: the call is back {took:.1f} s later "
        f"({time.monotonic() - stopped:.1f} s after the stop; reconnecting attempts: {restarts[0]}, {restarts[1]})")
    for side, other in ((sides[0], sides[1]), (sides[1], sides[0])):
        wait(sides, f"{NUMBERED} numbered messages {other.me} -> {side.me}", 60,
             lambda *statuses: len([m for m in statuses[sides.index(side)].get("received", [])
                                    if m.startswith(f"n-{other.me}-")]) >= NUMBERED)
        got = [m for m in side.status()["received"] if m.startswith(f"n-{other.me}-")]
        expected = [f"n-{other.me}-{i}" for i in range(NUMBERED)]
        if got != expected:
            missing = sorted(set(expected) - set(got), key=lambda m: int(m.rsplit("-", 1)[1]))
            raise Failure(f"{other.me} -> {side.me}: {len(got)} received, missing {missing[:5]}, "
                          f"in order: {got == sorted(got, key=lambda m: int(m.rsplit('-', 1)[1]))}")
    say(f"  {NUMBERED} numbered messages each way: every one, in order, none twice")
    no_errors(sides)
    sides[0].call("hang_up()")


def interop_python():
    """The virtualenv's python with aiortc and nats-py (made, or brought up to
    tests/calls/requirements.txt, when it lacks them)."""
    python = os.path.join(VENV, "bin", "python")
    requirements = os.path.join(HERE, "requirements.txt")
    stamp = os.path.join(VENV, "requirements.txt")
    with open(requirements) as f:
        wanted = f.read()
    if os.path.exists(stamp) and open(stamp).read() == wanted:
        return python
    say(f"making {os.path.relpath(VENV, ROOT)} (pip install -r tests/calls/requirements.txt)")
    subprocess.run([sys.executable, "-m", "venv", VENV], check=True)
    subprocess.run([python, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "-r", requirements],
                   check=True)
    with open(stamp, "w") as f:
        f.write(wanted)
    return python


class AiortcPeer:
    """tests/calls/aiortc_peer.py in its own process; its JSON lines collected from a thread."""

    def __init__(self, python, nats_url, room):
        self.command = [python, os.path.join(HERE, "aiortc_peer.py"), "--nats", nats_url, "--token", TOKEN,
                        "--room", room]
        self.events = []

    def __enter__(self):
        self.process = subprocess.Popen(self.command, stdout=subprocess.PIPE, text=True)
        threading.Thread(target=self._read, daemon=True).start()
        return self

    def _read(self):
        for line in self.process.stdout:
            try:
                self.events.append(json.loads(line))
            except ValueError:
                self.events.append({"event": "output", "text": line.rstrip()})

    def wait_for(self, event, timeout_s):
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            found = [e for e in self.events if e.get("event") == event]
            if found:
                return found[-1]
            if self.process.poll() is not None:
                raise Failure(f"the aiortc peer exited ({self.process.returncode}) before {event!r}: {self.events}")
            time.sleep(0.1)
        raise Failure(f"the aiortc peer: no {event!r} within {timeout_s} s: {self.events}")

    def __exit__(self, *_):
        if self.process.poll() is None:
            self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()


ECHOES = 20


def aiortc_call(side, page, server, python):
    """The browser calls aiortc through the room; see the module docs (4)."""
    room = f"room-{random.randrange(1 << 40)}"
    with AiortcPeer(python, f"nats://127.0.0.1:{server.client_port}", room) as peer:
        peer.wait_for("ready", 20)
        side.open(page, server.ws_url, room, polite=True, audio=True)
        took = wait([side], "connected to aiortc, chat open", 40,
                    lambda s: s.get("connection") == "connected" and s.get("chatOpen") is True)
        say(f"  connected and chat open in {took:.1f} s")
        side.call(f"send_messages('to-aiortc', {ECHOES})")
        wait([side], f"{ECHOES} echoes from aiortc", 15, lambda s: len(s.get("received", [])) >= ECHOES)
        got = side.status()["received"]
        expected = [f"echo:to-aiortc-{i}" for i in range(ECHOES)]
        if got != expected:
            raise Failure(f"echoes from aiortc: not all, or not in order: {got[:5]}…")
        wait([side], "its own video back from aiortc, decoded, not blank", 20,
             lambda s: s.get("remoteNonBlank") is True and (s.get("remoteFrame") or -1) >= 0)
        first = side.status()["remoteFrame"]
        wait([side], "the video from aiortc advances", 15,
             lambda s: s.get("remoteFrame", -1) > first and s.get("remoteNonBlank"))
        status = side.status()
        kinds = sorted(status.get("remoteTracks", []))
        if kinds != ["audio", "video"]:
            raise Failure(f"remote tracks from aiortc: {kinds} (expected audio and video)")
        packets = side.call("inbound_packets()")
        if not (packets.get("audio", 0) > 0 and packets.get("video", 0) > 0):
            raise Failure(f"RTP packets from aiortc: {packets}")
        say(f"  {ECHOES} echoes in order; its video back decoded ({status.get('remoteSize')}, frame "
            f"{first} -> {status['remoteFrame']}); packets from aiortc: audio {packets['audio']:.0f}, "
            f"video {packets['video']:.0f}")
        no_errors([side])
        side.call("hang_up()")
        report = peer.wait_for("summary", 10)
    if report["echoed"] != ECHOES or report["errors"]:
        raise Failure(f"the aiortc peer: {report}")
    frames = report["frames"]
    if not (frames["audio"] > 0 and frames["video"] > 0):
        raise Failure(f"the aiortc peer decoded no audio or no video: {frames}")
    hosts = report["remoteHostCandidates"]
    if hosts["ip"] or not hosts["mdns"]:
        raise Failure(f"{side.me}'s host candidates should all be mDNS names here: {hosts}")
    say(f"  aiortc decoded {frames['audio']} audio and {frames['video']} video frames; the browser's host "
        f"candidates: {hosts['mdns']} mDNS names, {hosts['ip']} addresses; pair: {report['selectedPair']}")


def browser_calls(only, page, failures):
    """Scenarios 1-3: Chromium and Firefox call each other."""
    with Browser("chrome", request_timeout_s=60) as chrome, \
            Browser("firefox", request_timeout_s=60) as firefox:
        sides = [Side(chrome, "chromium"), Side(firefox, "firefox")]
        say(f"Chromium {chrome.version} and Firefox {firefox.version}, each its own process")
        if only in (None, "single"):
            say("one nats-server: call, server restarted and silenced mid-call, hang up")
            with NatsServer(TOKEN) as server:
                try:
                    call(sides, page, [server.ws_url] * 2, restart=server.restart,
                         stall=(server.pause, server.resume))
                except Failure as failure:
                    failures.append(f"single server: {failure}")
                    say(f"FAIL {failure}")
        if only in (None, "relay"):
            say("relay only through coturn, coturn stopped and started again mid-call")
            with NatsServer(TOKEN) as server, TurnServer("wasm-rtc", f"pw-{random.randrange(1 << 30)}") as turn:
                try:
                    relay_call(sides, page, server.ws_url, turn)
                except Failure as failure:
                    failures.append(f"relay: {failure}")
                    say(f"FAIL {failure}")
        if only in (None, "cluster"):
            say("a three-node nats-server cluster: Chromium on node 1, Firefox on node 3")
            with NatsCluster(3, TOKEN) as cluster:
                try:
                    call(sides, page, [cluster.nodes[0].ws_url, cluster.nodes[2].ws_url],
                         hang_up_by=1)
                except Failure as failure:
                    failures.append(f"cluster: {failure}")
                    say(f"FAIL {failure}")


def aiortc_calls(page, failures):
    """Scenario 4: each browser, as users have it, calls aiortc."""
    python = interop_python()
    for name, me in (("chrome", "chromium"), ("firefox", "firefox")):
        with Browser(name, request_timeout_s=60, mdns=True) as browser:
            say(f"{me} {browser.version} (mDNS host names, as users have it) calls aiortc through nats-server")
            with NatsServer(TOKEN) as server:
                try:
                    aiortc_call(Side(browser, me), page, server, python)
                except Failure as failure:
                    failures.append(f"aiortc, {me}: {failure}")
                    say(f"FAIL {failure}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--no-build", action="store_true")
    parser.add_argument("--only", choices=("single", "cluster", "relay", "aiortc"))
    args = parser.parse_args()
    if not args.no_build:
        build()
    httpd, page = serve()
    failures = []
    try:
        if args.only != "aiortc":
            browser_calls(args.only, page, failures)
        if args.only in (None, "aiortc"):
            aiortc_calls(page, failures)
    finally:
        httpd.shutdown()
    if failures:
        say(f"FAILED: {len(failures)} scenario(s)")
        return 1
    say("PASS: every scenario")
    return 0


if __name__ == "__main__":
    sys.exit(main())
