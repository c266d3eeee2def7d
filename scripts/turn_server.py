"""Runs Debian's unmodified coturn (`turnserver`, installed by scripts/setup.sh) on loopback for
the tests: TURN over UDP and TCP on one free port, long-term credentials (one user), relay ports
from a free range, loopback peers allowed (both ends of a test call are on this machine), no TLS,
no CLI, no database. Stdlib only.

As a module:

    with TurnServer(user="alice", password="pw") as turn:
        turn.urls            # ["turn:127.0.0.1:PORT?transport=udp", "turn:127.0.0.1:PORT?transport=tcp"]
        turn.restart()       # stop and start again on the same ports

As a command (scripts/test.sh): starts one server, prints `PORT` on the first line of stdout,
and runs until killed (SIGTERM stops the server too).

    python3 scripts/turn_server.py --user alice --password PW
"""
import argparse
import os
import shutil
import socket
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from server_process import ServerInDir, serve_until_killed  # noqa: E402
from webdriver import free_port  # noqa: E402

TURNSERVER = os.environ.get("TURNSERVER") or shutil.which("turnserver") or "/usr/bin/turnserver"
REALM = "wasm-rtc.test"


def _free_udp_and_tcp_port():
    """A port free for both TCP and UDP on loopback (TURN listens on both)."""
    for _ in range(50):
        port = free_port()
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as udp:
            try:
                udp.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError("no port free for both TCP and UDP")


def _relay_range(size=200):
    """A range of `size` ports whose first and last are free now (coturn binds relays in it)."""
    for _ in range(50):
        low = free_port()
        if low + size < 65000:
            return low, low + size
    return 50000, 50000 + size


class TurnServer(ServerInDir):
    """One coturn on loopback with one long-term-credential user."""

    def __init__(self, user, password):
        super().__init__("wasm-rtc-turn-")
        self.user = user
        self.password = password
        self.port = _free_udp_and_tcp_port()
        self.min_port, self.max_port = _relay_range()
        self.log = os.path.join(self.dir, "turn.log")

    @property
    def urls(self):
        return [f"turn:127.0.0.1:{self.port}?transport=udp", f"turn:127.0.0.1:{self.port}?transport=tcp"]

    def _command(self):
        return [
            TURNSERVER, "-n",  # no configuration file: everything is here
            "--listening-ip=127.0.0.1", f"--listening-port={self.port}",
            "--relay-ip=127.0.0.1", f"--min-port={self.min_port}", f"--max-port={self.max_port}",
            "--lt-cred-mech", f"--user={self.user}:{self.password}", f"--realm={REALM}",
            "--fingerprint", "--allow-loopback-peers", "--no-tls", "--no-dtls", "--no-cli",
            "--no-multicast-peers", f"--userdb={os.path.join(self.dir, 'turn.db')}",
            f"--pidfile={os.path.join(self.dir, 'turn.pid')}",
            f"--log-file={self.log}", "--simple-log", "--verbose",
        ]

    def start(self):
        self.launch(self._command(), self.port, "turnserver")
        return self


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--user", required=True)
    parser.add_argument("--password", required=True)
    args = parser.parse_args()
    serve_until_killed(TurnServer(args.user, args.password), lambda server: server.port)


if __name__ == "__main__":
    main()
