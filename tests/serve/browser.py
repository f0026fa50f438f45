"""A headless Chromium driven over the Chrome DevTools Protocol, for the query page's tests.

Lighter than Selenium or a websocket client: Chromium speaks the protocol over two pipes
(`--remote-debugging-pipe`: it reads commands from its fd 3 and writes answers and events to
its fd 4, each message JSON ended by a NUL byte), so the tests need the browser and the
standard library, nothing else.

Nothing leaves the machine: host names resolve to nothing, every request that is not to
loopback goes to a proxy on a closed port, and background, sync and component networking are
off. Tests still check, from the browser's own network log, that every request went to the
server under test.
"""

import base64
import contextlib
import fcntl
import json
import os
import queue
import subprocess
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.remote.remote_support import free_port

CHROMIUM = Path("/usr/bin/chromium")


class BrowserError(Exception):
    pass


class Browser:
    """One headless Chromium with one page; `events` holds every event of that page."""

    def __init__(self, width: int = 1400, height: int = 1000) -> None:
        if not CHROMIUM.exists():
            pytest.fail(
                "Chromium is missing (/usr/bin/chromium): run scripts/install-browser.sh "
                "(as root) to install Debian's chromium, then run the tests again"
            )
        self._profile = tempfile.TemporaryDirectory(prefix="kg-chromium-")
        commands_read, self._commands = _pipe()
        self._answers, answers_write = _pipe()
        closed = free_port()  # nothing listens there: a request through the proxy fails
        self.process = subprocess.Popen(
            [
                "bash",
                "-c",
                # The protocol's pipes become the browser's fds 3 and 4 (both ends are above 9).
                'r=$1 w=$2; exec 3<&"$r" 4>&"$w" {r}<&- {w}>&-; shift 2; exec "$@"',
                "bash",
                str(commands_read),
                str(answers_write),
                str(CHROMIUM),
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--no-first-run",
                "--no-default-browser-check",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-extensions",
                f"--user-data-dir={self._profile.name}",
                "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
                f"--proxy-server=http://127.0.0.1:{closed}",
                f"--window-size={width},{height}",
                "--remote-debugging-pipe",
                "about:blank",
            ],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            pass_fds=(commands_read, answers_write),
        )
        os.close(commands_read)
        os.close(answers_write)
        self._next_id = 0
        self._replies: dict[int, queue.Queue[dict[str, Any]]] = {}
        self._lock = threading.Lock()
        self.events: list[dict[str, Any]] = []
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()
        try:
            target = self.send("Target.createTarget", url="about:blank")["targetId"]
            attached = self.send("Target.attachToTarget", targetId=target, flatten=True)
            self.session = attached["sessionId"]
            for domain in ("Page", "Runtime", "Network", "Log"):
                self.page(f"{domain}.enable")
            # The page's size exactly (the window's is that less the browser's own frame).
            self.page(
                "Emulation.setDeviceMetricsOverride",
                width=width,
                height=height,
                deviceScaleFactor=1,
                mobile=False,
            )
        except BaseException:
            self.close()
            raise

    # -- The protocol ---------------------------------------------------------------------------

    def _read(self) -> None:
        buffered = b""
        while chunk := os.read(self._answers, 1 << 16):
            buffered += chunk
            *messages, buffered = buffered.split(b"\0")
            for raw in messages:
                message = json.loads(raw)
                if "id" in message:
                    with self._lock:
                        waiting = self._replies.get(message["id"])
                    if waiting is not None:
                        waiting.put(message)
                else:
                    self.events.append(message)

    def send(
        self, method: str, session: str | None = None, timeout: float = 30, **params: Any
    ) -> dict[str, Any]:
        """A command and its result; a protocol error raises BrowserError."""
        with self._lock:
            self._next_id += 1
            ident = self._next_id
            self._replies[ident] = queue.Queue()
        message: dict[str, Any] = {"id": ident, "method": method, "params": params}
        if session:
            message["sessionId"] = session
        os.write(self._commands, json.dumps(message).encode() + b"\0")
        try:
            reply = self._replies[ident].get(timeout=timeout)
        except queue.Empty:
            raise BrowserError(f"no answer to {method} within {timeout} s") from None
        finally:
            with self._lock:
                del self._replies[ident]
        if "error" in reply:
            raise BrowserError(f"{method}: {reply['error']}")
        return dict(reply.get("result", {}))

    def page(self, method: str, **params: Any) -> dict[str, Any]:
        """A command to the page."""
        return self.send(method, session=self.session, **params)

    # -- What the tests do ----------------------------------------------------------------------

    def open(self, url: str) -> None:
        """Go to `url` and wait until it has loaded."""
        loaded = len(self.events)
        self.page("Page.navigate", url=url)
        self.wait_for(
            lambda: any(e["method"] == "Page.loadEventFired" for e in self.events[loaded:]),
            f"{url} to load",
        )

    def evaluate(self, expression: str) -> Any:
        """The value of a JavaScript expression in the page (promises awaited)."""
        result = self.page(
            "Runtime.evaluate", expression=expression, returnByValue=True, awaitPromise=True
        )
        if "exceptionDetails" in result:
            raise BrowserError(f"{expression}: {result['exceptionDetails']}")
        return result["result"].get("value")

    def wait_for(self, condition: Callable[[], Any], what: str, timeout: float = 20) -> Any:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if value := condition():
                return value
            time.sleep(0.05)
        raise BrowserError(f"timed out waiting for {what}")

    def wait_until(self, expression: str, timeout: float = 20) -> Any:
        """Until a JavaScript expression is truthy in the page; its value."""
        return self.wait_for(lambda: self.evaluate(expression), expression, timeout)

    def key(self, key: str, code: str, key_code: int, modifiers: int = 0) -> None:
        """Press and release one key (modifiers: 2 is Ctrl)."""
        for kind in ("rawKeyDown", "keyUp"):
            self.page(
                "Input.dispatchKeyEvent",
                type=kind,
                key=key,
                code=code,
                windowsVirtualKeyCode=key_code,
                modifiers=modifiers,
            )

    def type(self, text: str) -> None:
        """Type text where the focus is, as keyboard input."""
        for line_number, line in enumerate(text.split("\n")):
            if line_number:
                self.key("Enter", "Enter", 13)
            if line:
                self.page("Input.insertText", text=line)

    def click(self, selector: str) -> None:
        """A real mouse click in the middle of the first element `selector` matches."""
        x, y = self._middle(selector)
        for kind in ("mousePressed", "mouseReleased"):
            self.page("Input.dispatchMouseEvent", type=kind, x=x, y=y, button="left", clickCount=1)

    def hover(self, selector: str) -> None:
        """The mouse moved onto the middle of the first element `selector` matches."""
        x, y = self._middle(selector)
        self.page("Input.dispatchMouseEvent", type="mouseMoved", x=x, y=y)

    def _middle(self, selector: str) -> tuple[float, float]:
        """Where the element is in the window, once scrolled into view."""
        x, y = self.evaluate(
            f"(() => {{ const e = document.querySelector({json.dumps(selector)}); "
            "e.scrollIntoView({block: 'center'}); const r = e.getBoundingClientRect(); "
            "return [r.x + r.width / 2, r.y + r.height / 2]; })()"
        )
        return x, y

    def screenshot(self, path: Path) -> None:
        data = self.page("Page.captureScreenshot", format="png")["data"]
        path.write_bytes(base64.b64decode(data))

    def requested(self) -> list[str]:
        """Every URL the page asked for, in order."""
        return [
            e["params"]["request"]["url"]
            for e in self.events
            if e["method"] == "Network.requestWillBeSent"
        ]

    def errors(self) -> list[str]:
        """Console errors, uncaught exceptions, and the browser's own error log (failed loads,
        policy violations)."""
        found = []
        for event in self.events:
            method, params = event["method"], event.get("params", {})
            if method == "Runtime.consoleAPICalled" and params["type"] in ("error", "assert"):
                found.append("console: " + " ".join(str(a.get("value", a)) for a in params["args"]))
            elif method == "Runtime.exceptionThrown":
                found.append(f"exception: {params['exceptionDetails']}")
            elif method == "Log.entryAdded" and params["entry"]["level"] == "error":
                found.append(f"log: {params['entry']['text']} ({params['entry'].get('url')})")
        return found

    def close(self) -> None:
        with contextlib.suppress(BrowserError, OSError):  # it may have gone already
            self.send("Browser.close", timeout=5)
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        os.close(self._commands)
        self._reader.join(5)
        os.close(self._answers)
        self._profile.cleanup()

    def __enter__(self) -> "Browser":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _pipe() -> tuple[int, int]:
    """A pipe whose two ends are numbered 10 or more, clear of the fds 3 and 4 they move to."""
    ends = os.pipe()
    high = tuple(fcntl.fcntl(end, fcntl.F_DUPFD_CLOEXEC, 10) for end in ends)
    for end in ends:
        os.close(end)
    return high[0], high[1]
