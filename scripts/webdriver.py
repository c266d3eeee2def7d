"""A minimal W3C WebDriver client (standard library only) for our browser scripts.

Starts chromedriver or geckodriver, opens one headless session with the browser options of the
crate's webdriver.json (fake media, no permission prompts, autoplay, real host candidates), and
offers the few commands our page runners need. Used by npm/test/drive.py (npm package pages),
www/selftest.py (the demo) and the benchmark and soak runners.

    with Browser("firefox") as browser:
        browser.open("http://127.0.0.1:8000/")
        title = browser.wait_for_title(("PASS", "FAIL"), timeout_s=90)
"""
import json
import os
import shutil
import socket
import subprocess
import tempfile
import time
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver")
FIREFOX = os.environ.get("FIREFOX", "/usr/bin/firefox-esr")
GECKODRIVER = os.environ.get("GECKODRIVER") or shutil.which("geckodriver") or os.path.expanduser("~/.cargo/bin/geckodriver")
NAMES = ("chrome", "firefox")


def free_port():
    """A TCP port on loopback that nothing listens on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# What in the crate's test profiles shows real host addresses in ICE candidates; a browser as
# users have it hides them behind mDNS `.local` names (see `Browser`'s `mdns`). Chromium also
# shows them to a page with camera permission, which its fake media UI grants every page.
CHROMIUM_SHOW_HOSTS = ("--disable-features=WebRtcHideLocalIpsWithMdns", "--use-fake-ui-for-media-stream")
FIREFOX_SHOW_HOSTS = "media.peerconnection.ice.obfuscate_host_addresses"


def capabilities(name, profile, extra_args=(), mdns=False):
    """The WebDriver command and session capabilities for a headless `name` using `profile`;
    with `mdns`, host candidates are hidden behind mDNS names as in a user's browser (and
    Chromium has no fake media UI: getUserMedia would wait for a prompt)."""
    with open(os.path.join(ROOT, "webdriver.json")) as f:
        crate = json.load(f)
    if name == "firefox":
        prefs = dict(crate["moz:firefoxOptions"]["prefs"])
        if mdns:
            prefs[FIREFOX_SHOW_HOSTS] = True
        options = {"binary": FIREFOX, "args": ["-headless", "-profile", profile, *extra_args],
                   "prefs": prefs}
        return [GECKODRIVER], {"browserName": "firefox", "moz:firefoxOptions": options}
    crate_args = [arg for arg in crate["goog:chromeOptions"]["args"] if not (mdns and arg in CHROMIUM_SHOW_HOSTS)]
    args = crate_args + ["--headless", f"--user-data-dir={profile}", *extra_args]
    return [CHROMEDRIVER], {"browserName": "chrome", "goog:chromeOptions": {"binary": CHROMIUM, "args": args}}


class Browser:
    """One headless browser session; a context manager that always ends the session and driver."""

    def __init__(self, name, extra_args=(), request_timeout_s=60, mdns=False):
        if name not in NAMES:
            raise ValueError(f"unknown browser {name!r} (expected one of {NAMES})")
        self.name = name
        self.extra_args = tuple(extra_args)
        self.mdns = mdns
        self.request_timeout_s = request_timeout_s
        self.session = None
        self.version = None  # the browser's version, as its driver reports it

    def __enter__(self):
        port = free_port()
        self.profile = tempfile.mkdtemp(prefix=f"wasm-rtc-{self.name}-")
        command, caps = capabilities(self.name, self.profile, self.extra_args, self.mdns)
        self.driver = subprocess.Popen(command + [f"--port={port}"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.base = f"http://127.0.0.1:{port}"
        try:
            for _ in range(100):
                try:
                    self._call("GET", "/status")
                    break
                except OSError:
                    time.sleep(0.1)
            created = self._call("POST", "/session", {"capabilities": {"alwaysMatch": caps}})
            self.session = created["sessionId"]
            self.version = created.get("capabilities", {}).get("browserVersion", "unknown")
        except BaseException:
            self._stop()
            raise
        return self

    def __exit__(self, *_):
        self._stop()

    def _stop(self):
        if self.session is not None:
            try:
                self._call("DELETE", f"/session/{self.session}")
            except OSError:
                pass
            self.session = None
        self.driver.terminate()
        self.driver.wait(timeout=10)
        shutil.rmtree(self.profile, ignore_errors=True)

    def _call(self, method, path, body=None):
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(self.base + path, data=data, method=method,
                                         headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=self.request_timeout_s) as response:
            return json.load(response)["value"]

    def _session(self, method, path, body=None):
        return self._call(method, f"/session/{self.session}{path}", body)

    def open(self, url):
        """Navigates to `url` (returns once the page has loaded)."""
        self._session("POST", "/url", {"url": url})

    def title(self):
        """The page's document.title."""
        return self._session("GET", "/title")

    def wait_for_title(self, prefixes, timeout_s, poll_s=0.2):
        """Polls document.title until it starts with one of `prefixes`; None after `timeout_s`."""
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            title = self.title()
            if title.startswith(tuple(prefixes)):
                return title
            time.sleep(poll_s)
        return None

    def execute(self, script, *args):
        """Runs `script` (a function body) in the page and returns its result."""
        return self._session("POST", "/execute/sync", {"script": script, "args": list(args)})

    def cdp(self, command, params=None):
        """Sends one DevTools Protocol command to the page (Chromium only): `Profiler.start`, say."""
        if self.name != "chrome":
            raise RuntimeError(f"the DevTools Protocol is Chromium's; this is {self.name}")
        return self._session("POST", "/goog/cdp/execute", {"cmd": command, "params": params or {}})

    def text_of(self, css):
        """The rendered text of the first element matching `css`."""
        return self._session("GET", f"/element/{self._element(css)}/text")

    def type_into(self, css, text):
        """Sends real key events for `text` to the first element matching `css`."""
        self._session("POST", f"/element/{self._element(css)}/value", {"text": text})

    def set_window_size(self, width, height):
        """Resizes the browser window (CSS pixels)."""
        self._session("POST", "/window/rect", {"width": width, "height": height})

    def screenshot(self, path):
        """Saves the page's viewport as a PNG at `path`."""
        import base64
        with open(path, "wb") as f:
            f.write(base64.b64decode(self._session("GET", "/screenshot")))

    def click(self, css):
        """Clicks the first element matching `css` (a real click: a user gesture for the page)."""
        self._session("POST", f"/element/{self._element(css)}/click", {})

    def _element(self, css):
        found = self._session("POST", "/element", {"using": "css selector", "value": css})
        return next(iter(found.values()))
