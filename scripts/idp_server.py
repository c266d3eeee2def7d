"""Serves the tests' identity providers (tests/idp/.well-known/idp-proxy/*.js) over HTTPS on
loopback with Debian's unmodified nginx (`nginx-light`, installed by scripts/setup.sh): a fresh
self-signed certificate for 127.0.0.1 (openssl), one free port, no access log. A browser loads
an IdP's proxy only over HTTPS, from `https://DOMAIN/.well-known/idp-proxy/PROTOCOL`; the test
profiles accept the certificate (`acceptInsecureCerts` in webdriver.json). Stdlib only.

As a module:

    with IdpServer() as idp:
        idp.domain           # "127.0.0.1:PORT", for setIdentityProvider

As a command (scripts/test.sh): starts the server, prints `PORT` on the first line of stdout,
and runs until killed (SIGTERM stops the server too).

    python3 scripts/idp_server.py
"""
import os
import shutil
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from server_process import ServerInDir, serve_until_killed  # noqa: E402
from webdriver import free_port  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
NGINX = os.environ.get("NGINX") or shutil.which("nginx") or "/usr/sbin/nginx"
OPENSSL = shutil.which("openssl") or "/usr/bin/openssl"

CONFIG = """daemon off;
worker_processes 1;
pid {dir}/nginx.pid;
error_log {dir}/error.log;
events {{}}
http {{
  access_log off;
  client_body_temp_path {dir}/body;
  proxy_temp_path {dir}/proxy;
  fastcgi_temp_path {dir}/fastcgi;
  uwsgi_temp_path {dir}/uwsgi;
  scgi_temp_path {dir}/scgi;
  types {{ text/javascript js; }}
  server {{
    listen 127.0.0.1:{port} ssl;
    ssl_certificate {dir}/cert.pem;
    ssl_certificate_key {dir}/key.pem;
    root {dir}/www;
    # A page with `Cross-Origin-Embedder-Policy: require-corp` (the wasm-bindgen test runner's)
    # loads a cross-origin IdP proxy only when the IdP allows it.
    add_header Cross-Origin-Resource-Policy cross-origin;
  }}
}}
"""


class IdpServer(ServerInDir):
    """nginx serving tests/idp over HTTPS on a free loopback port."""

    def __init__(self):
        super().__init__("wasm-rtc-idp-")
        self.port = free_port()

    @property
    def domain(self):
        return f"127.0.0.1:{self.port}"

    def start(self):
        # The worker may run as another user (nginx started as root): everything it serves is
        # readable by all, in a directory of its own.
        os.chmod(self.dir, 0o755)
        shutil.copytree(os.path.join(ROOT, "tests", "idp"), os.path.join(self.dir, "www"))
        subprocess.run([OPENSSL, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                        "-keyout", os.path.join(self.dir, "key.pem"), "-out", os.path.join(self.dir, "cert.pem"),
                        "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"],
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        config = os.path.join(self.dir, "nginx.conf")
        with open(config, "w") as f:
            f.write(CONFIG.format(dir=self.dir, port=self.port))
        self.launch([NGINX, "-p", self.dir, "-c", config], self.port, "nginx")
        return self


def main():
    serve_until_killed(IdpServer(), lambda server: server.port)


if __name__ == "__main__":
    main()
