"""Runs Debian's unmodified nats-server (installed by scripts/setup.sh) on loopback for the tests:
a WebSocket listener on a free port, a token (or users with passwords and permissions),
optionally a smaller max_payload, and optionally a cluster of several nodes joined by routes.
Stdlib only.

As a module (the two-browser call runner):

    with NatsServer(token="t") as server:       # one node
        server.ws_url                            # ws://127.0.0.1:PORT
        server.restart()                         # stop and start again on the same ports
        server.pause(); server.resume()          # SIGSTOP / SIGCONT: a server that goes silent
    with NatsCluster(3, token="t") as cluster:  # three nodes, routes between them
        cluster.nodes[0].ws_url, cluster.nodes[2].ws_url

As a command (scripts/test.sh): starts one node, prints its WebSocket URL on the first line of
stdout, and runs until killed (SIGTERM stops the server too).

    python3 scripts/nats_server.py --token T [--max-payload BYTES]
    python3 scripts/nats_server.py --users PASSWORD   # the users of USERS, each with PASSWORD
"""
import argparse
import os
import shutil
import signal
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from server_process import ServerInDir, serve_until_killed  # noqa: E402
from webdriver import free_port  # noqa: E402

NATS_SERVER = os.environ.get("NATS_SERVER") or shutil.which("nats-server") or "/usr/bin/nats-server"


# The users of `--users` (tests/nats.rs relies on them): one who may do everything, one who may
# not publish to the rooms, one who may not subscribe to them.
USERS = [
    ("alice", ""),
    ("guest", '{ publish: { deny: "wasm-rtc.>" } }'),
    ("outsider", '{ subscribe: { deny: "wasm-rtc.>" } }'),
]


class NatsServer(ServerInDir):
    """One nats-server node on loopback: client, WebSocket and (in a cluster) route ports."""

    def __init__(self, token=None, max_payload=None, name="n1", cluster_port=None, routes=(),
                 users=None):
        super().__init__(f"wasm-rtc-nats-{name}-")
        self.token = token
        self.users = users  # [(user, password, permissions config text or "")], instead of a token
        self.max_payload = max_payload
        self.name = name
        self.client_port = free_port()
        self.ws_port = free_port()
        self.cluster_port = cluster_port
        self.routes = tuple(routes)
        self.config = os.path.join(self.dir, "nats.conf")

    @property
    def ws_url(self):
        return f"ws://127.0.0.1:{self.ws_port}"

    def _write_config(self):
        lines = [
            f"server_name: {self.name}",
            "host: 127.0.0.1",
            f"port: {self.client_port}",
            self._authorization(),
            f"websocket {{ host: 127.0.0.1, port: {self.ws_port}, no_tls: true }}",
        ]
        if self.max_payload:
            lines.append(f"max_payload: {self.max_payload}")
        if self.cluster_port:
            routes = ", ".join(f"nats-route://127.0.0.1:{p}" for p in self.routes)
            lines.append(
                f"cluster {{ name: wasm-rtc, host: 127.0.0.1, port: {self.cluster_port}, "
                f"routes: [{routes}] }}")
        with open(self.config, "w") as f:
            f.write("\n".join(lines) + "\n")

    def _authorization(self):
        if self.users is None:
            return f'authorization {{ token: "{self.token}" }}'
        users = ", ".join(
            f'{{ user: "{user}", password: "{password}"{", permissions: " + permissions if permissions else ""} }}'
            for user, password, permissions in self.users)
        return f"authorization {{ users: [{users}] }}"

    def start(self):
        self._write_config()
        self.launch([NATS_SERVER, "-c", self.config], self.ws_port, "nats-server")
        return self

    def pause(self):
        """Stops the server process (SIGSTOP): its sockets stay open and say nothing."""
        self.process.send_signal(signal.SIGSTOP)

    def resume(self):
        """Lets a paused server go on (SIGCONT)."""
        self.process.send_signal(signal.SIGCONT)



class NatsCluster:
    """`n` nodes on loopback, each with routes to all the others (a full mesh)."""

    def __init__(self, n, token):
        ports = [free_port() for _ in range(n)]
        self.nodes = [
            NatsServer(token, name=f"n{i + 1}", cluster_port=port,
                       routes=[p for p in ports if p != port])
            for i, port in enumerate(ports)
        ]

    def wait_for_routes(self, timeout_s=15):
        """Until every node's log says it has a route to each of the others."""
        deadline = time.monotonic() + timeout_s
        want = len(self.nodes) - 1
        while time.monotonic() < deadline:
            if all(node.log_text().count("Route connection created") >= want for node in self.nodes):
                return
            time.sleep(0.1)
        raise RuntimeError("the cluster's routes did not all connect:\n"
                           + "\n".join(n.log_text()[-2000:] for n in self.nodes))

    def __enter__(self):
        for node in self.nodes:
            node.start()
        self.wait_for_routes()
        return self

    def __exit__(self, *_):
        for node in self.nodes:
            node.__exit__()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    who = parser.add_mutually_exclusive_group(required=True)
    who.add_argument("--token")
    who.add_argument("--users", metavar="PASSWORD", help="the users of USERS, with this password")
    parser.add_argument("--max-payload", type=int)
    args = parser.parse_args()
    users = None if args.users is None else [(u, args.users, p) for u, p in USERS]
    serve_until_killed(NatsServer(args.token, max_payload=args.max_payload, users=users),
                       lambda server: server.ws_url)


if __name__ == "__main__":
    main()
