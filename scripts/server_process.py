"""What the loopback servers of the tests (scripts/nats_server.py, scripts/turn_server.py,
scripts/idp_server.py) share: a server process with a directory of its own (`ServerInDir`),
waiting for its port, stopping it, and running one as a command until killed. Stdlib only."""
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
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


class ServerInDir:
    """One server process and a temporary directory of its own (configuration, logs), removed
    on exit. A subclass's `start()` writes what it needs and calls `launch()`."""

    def __init__(self, prefix):
        self.dir = tempfile.mkdtemp(prefix=prefix)
        self.process = None

    def launch(self, command, port, name):
        """Runs `command` (its output in `stdout.log`) until it listens on `port`."""
        log = open(os.path.join(self.dir, "stdout.log"), "a")
        self.process = subprocess.Popen(command, stdout=log, stderr=log)
        log.close()
        try:
            wait_for_port(port, 10, self.process, name)
        except RuntimeError as error:
            raise RuntimeError(f"{error}: {self.log_text()[-2000:]}") from None

    def stop(self):
        stop(self.process)
        self.process = None

    def restart(self, down_s=1.0):
        """Stops the server, waits `down_s`, and starts it again on the same ports."""
        self.stop()
        time.sleep(down_s)
        self.start()

    def log_text(self):
        """Every `.log` file of its directory."""
        text = ""
        for name in sorted(os.listdir(self.dir)):
            if name.endswith(".log"):
                with open(os.path.join(self.dir, name), errors="replace") as f:
                    text += f.read()
        return text

    def __enter__(self):
        return self.start()

    def __exit__(self, *_):
        self.stop()
        shutil.rmtree(self.dir, ignore_errors=True)
