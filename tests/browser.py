"""Drive headless Chromium from tests, with nothing beyond the standard library.

Two ways in, both offline:

* `dump_dom` and `screenshot` run Chromium once on the command line, which
  is enough when the page writes what a test needs into the DOM;
* `open_page` speaks the DevTools protocol over ``--remote-debugging-pipe``
  (JSON messages separated by NUL bytes on file descriptors 3 and 4), so a test
  can list every request the page made, collect console errors and run
  JavaScript, without a websocket library.

Every launch uses a fresh profile under the test's `tmp_path`, a dead proxy and
a host resolver that resolves nothing, so a page that tries the network fails
instead of reaching it. Without Chromium the tests skip, unless
``CLAIMGRAPH_REQUIRE_TOOLS=1`` (set in CI), where they fail instead.
"""

from __future__ import annotations

import base64
import contextlib
import fcntl
import json
import os
import select
import shutil
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest

FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--no-first-run",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--disable-default-apps",
    "--hide-scrollbars",
    "--mute-audio",
    "--proxy-server=127.0.0.1:9",
    "--proxy-bypass-list=<-loopback>",
    "--host-resolver-rules=MAP * ~NOTFOUND",
)
#: Schemes a page may load from without touching the network.
LOCAL_SCHEMES = ("file:", "data:", "about:", "blob:", "chrome-error:")


def chromium_path() -> str | None:
    """The Chromium (or Chrome) executable on PATH, or None."""
    for name in ("chromium", "chromium-browser", "google-chrome", "chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


def require_chromium() -> str:
    """Chromium's path; skip the test without it, or fail when CI demands the tool."""
    path = chromium_path()
    if path is None:
        reason = "Chromium not found on PATH (install the 'chromium' package)"
        if os.environ.get("CLAIMGRAPH_REQUIRE_TOOLS") == "1":
            pytest.fail(f"{reason}; CLAIMGRAPH_REQUIRE_TOOLS=1 requires it")
        pytest.skip(reason)
    return path


def _command(tmp_path: Path, *extra: str) -> list[str]:
    """A Chromium command line with the offline flags and a fresh profile."""
    profile = Path(tmp_path) / f"chromium-profile-{time.monotonic_ns()}"
    return [require_chromium(), *FLAGS, f"--user-data-dir={profile}", *extra]


def dump_dom(url: str, tmp_path: Path, budget_ms: int = 5000) -> str:
    """The serialized DOM of `url` after `budget_ms` of virtual time."""
    cmd = _command(tmp_path, f"--virtual-time-budget={budget_ms}", "--dump-dom", url)
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def screenshot(
    url: str, png: Path, tmp_path: Path, size: tuple[int, int] = (1400, 900), budget_ms: int = 5000
) -> Path:
    """Save a PNG of `url` at `size` after `budget_ms` of virtual time."""
    cmd = _command(
        tmp_path,
        f"--virtual-time-budget={budget_ms}",
        f"--window-size={size[0]},{size[1]}",
        f"--screenshot={png}",
        url,
    )
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0 and Path(png).is_file(), done.stderr[-2000:]
    return Path(png)


@dataclass
class Page:
    """A page in a headless Chromium, driven over the DevTools pipe.

    `requests` holds every URL the page asked for and `errors` every console
    error, uncaught exception and failed load, so tests can assert both empty.
    """

    proc: subprocess.Popen
    to_browser: int
    from_browser: int
    session: str = ""
    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    _next_id: int = 0
    _buffer: bytes = b""

    def call(self, method: str, params: dict | None = None, *, browser: bool = False) -> dict:
        """Send one command and return its result, recording events met on the way."""
        self._next_id += 1
        message = {"id": self._next_id, "method": method, "params": params or {}}
        if not browser:
            message["sessionId"] = self.session
        os.write(self.to_browser, json.dumps(message).encode() + b"\0")
        while True:
            reply = self._receive(timeout=30)
            if reply.get("id") == self._next_id:
                if "error" in reply:
                    raise RuntimeError(f"{method} failed: {reply['error']}")
                return reply.get("result", {})
            self._record(reply)

    def evaluate(self, expression: str):
        """The value of a JavaScript expression in the page."""
        result = self.call("Runtime.evaluate", {"expression": expression, "returnByValue": True})
        if "exceptionDetails" in result:
            raise RuntimeError(f"{expression!r} threw: {result['exceptionDetails']}")
        return result["result"].get("value")

    def wait_for(self, expression: str, timeout: float = 30.0):
        """Poll until `expression` is truthy (a throw counts as not yet, e.g. before <body>)."""
        deadline, last = time.monotonic() + timeout, None
        while time.monotonic() < deadline:
            try:
                value = self.evaluate(expression)
            except RuntimeError as err:
                value, last = None, err
            if value:
                return value
            time.sleep(0.05)
        raise AssertionError(f"timed out after {timeout}s waiting for {expression!r} ({last})")

    def screenshot(self, png: Path) -> Path:
        """Save what the page shows now as a PNG."""
        shot = self.call("Page.captureScreenshot", {"format": "png"})
        Path(png).write_bytes(base64.b64decode(shot["data"]))
        return Path(png)

    def external_requests(self) -> list[str]:
        """Requests for anything but local files and inline data."""
        return [url for url in self.requests if not url.startswith(LOCAL_SCHEMES)]

    def _receive(self, timeout: float) -> dict:
        """The next whole message from the browser (they end with a NUL byte)."""
        while b"\0" not in self._buffer:
            ready, _, _ = select.select([self.from_browser], [], [], timeout)
            if not ready:
                raise AssertionError(f"Chromium sent nothing for {timeout}s")
            chunk = os.read(self.from_browser, 1 << 20)
            if not chunk:
                raise AssertionError("Chromium closed the DevTools pipe")
            self._buffer += chunk
        message, self._buffer = self._buffer.split(b"\0", 1)
        return json.loads(message)

    def _record(self, event: dict) -> None:
        """Keep the events tests assert on: requests, errors, failed loads."""
        method, params = event.get("method"), event.get("params", {})
        if method == "Network.requestWillBeSent":
            self.requests.append(params["request"]["url"])
        elif method == "Network.loadingFailed":
            self.errors.append(f"load failed: {params.get('errorText')}")
        elif method == "Runtime.exceptionThrown":
            details = params["exceptionDetails"]
            self.errors.append(details.get("exception", {}).get("description") or details["text"])
        elif method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert"):
            args = params["args"]
            self.errors.append(" ".join(str(a.get("value", a.get("description"))) for a in args))
        elif method == "Log.entryAdded" and params["entry"]["level"] == "error":
            self.errors.append(params["entry"]["text"])


def _pipe_above(fd: int) -> int:
    """A close-on-exec copy of `fd` numbered 10 or more, so dup2 onto 3 and 4 cannot clobber it."""
    high = fcntl.fcntl(fd, fcntl.F_DUPFD_CLOEXEC, 10)
    os.close(fd)
    return high


#: Launches of Chromium `open_page` tries. A headless Chromium that hangs at start-up and
#: never answers its DevTools pipe was seen once in a few thousand launches on a loaded
#: machine; a second, fresh process is not a retry of the page under test, which only
#: ever loads once.
LAUNCHES = 2


@contextlib.contextmanager
def open_page(url: str, tmp_path: Path, size: tuple[int, int] = (1400, 900)):
    """Load `url` in a fresh headless Chromium and yield a `Page` attached to it."""
    for launch in range(LAUNCHES):
        page = _launch(tmp_path, size)
        try:
            _attach(page, url, size)
            break
        except AssertionError:  # it never answered (or closed the pipe) before the page loaded
            _close(page)
            if launch == LAUNCHES - 1:
                raise
        except BaseException:
            _close(page)
            raise
    try:
        yield page
    finally:
        _close(page)


def _launch(tmp_path: Path, size: tuple[int, int]) -> Page:
    """Start Chromium with a fresh profile, speaking DevTools over a pipe.

    Chromium reads DevTools commands from fd 3 and writes replies to fd 4; the
    child gets our pipe ends there through dup2 before exec.
    """
    cmd_read, cmd_write = map(_pipe_above, os.pipe())
    reply_read, reply_write = map(_pipe_above, os.pipe())

    def wire_pipes() -> None:  # runs in the child between fork and exec
        os.dup2(cmd_read, 3)
        os.dup2(reply_write, 4)

    cmd = _command(tmp_path, "--remote-debugging-pipe", f"--window-size={size[0]},{size[1]}")
    try:
        # preexec_fn is the only way subprocess offers to put the pipes on fds 3 and 4;
        # close_fds=False keeps them, and everything else Python opened is close-on-exec.
        proc = subprocess.Popen(
            [*cmd, "about:blank"],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            close_fds=False,
            preexec_fn=wire_pipes,
        )
    except OSError:
        os.close(cmd_write)
        os.close(reply_read)
        raise
    finally:
        os.close(cmd_read)
        os.close(reply_write)
    return Page(proc, cmd_write, reply_read)


def _attach(page: Page, url: str, size: tuple[int, int]) -> None:
    """Open a blank tab, switch on the event domains, block the web, then navigate.

    A tab of our own (rather than the start-up one) avoids racing its creation.
    """
    tab = page.call("Target.createTarget", {"url": "about:blank"}, browser=True)["targetId"]
    page.session = page.call(
        "Target.attachToTarget", {"targetId": tab, "flatten": True}, browser=True
    )["sessionId"]
    for domain in ("Network", "Runtime", "Log", "Page"):
        page.call(f"{domain}.enable")
    page.call("Network.setBlockedURLs", {"urls": ["http://*", "https://*", "ws://*", "wss://*"]})
    page.call(
        "Emulation.setDeviceMetricsOverride",
        {"width": size[0], "height": size[1], "deviceScaleFactor": 1, "mobile": False},
    )
    page.call("Page.navigate", {"url": url})


def _close(page: Page) -> None:
    """Ask Chromium to quit, kill it if it will not, and release the pipes."""
    with contextlib.suppress(OSError, AssertionError, RuntimeError):
        page.call("Browser.close", browser=True)
    try:
        page.proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        page.proc.kill()
        page.proc.wait(timeout=15)
    os.close(page.to_browser)
    os.close(page.from_browser)
