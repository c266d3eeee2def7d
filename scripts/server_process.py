"""What the loopback servers of the tests (scripts/nats_server.py, scripts/turn_server.py) share:
waiting for a server's port, stopping its process, and running one as a command until killed.
Stdlib only."""
import signal
import socket
import subprocess
import sys
import time


def wait_for_port(port, timeout_s, process, name):
    """Until something accepts TCP connections on 127.0.0.1:`port`; RuntimeError if `process`
    exits first or `timeout_s` passes."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{name} exited with {process.returncode}")
        with socket.socket() as s:
            s.settimeout(0.2)
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.05)
    raise RuntimeError(f"{name} did not listen on 127.0.0.1:{port} within {timeout_s} s")


def stop(process):
    """Terminates `process` (killed if it takes over 10 s); nothing if it has ended."""
    if process and process.poll() is None:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def serve_until_killed(server, first_line):
    """Runs `server` (a context manager with a `process`), prints `first_line(server)` on the
    first line of stdout, and waits until it is killed (SIGTERM stops the server too)."""
    with server:
        print(first_line(server), flush=True)
        signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
        try:
            server.process.wait()
        except KeyboardInterrupt:
            pass
