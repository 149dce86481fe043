"""Start, script and inspect `mock-provider` processes from Python tests.

The binary comes from `$MOCK_PROVIDER_BIN`, else `.build/debug/mock-provider` under the repository.
Each process listens on a free loopback port (`--port 0`) and announces it on stdout.

Use it directly::

    with MockProvider(name="glm") as mock:
        mock.script([{"reply": {"text": "hi"}}])
        ...  # point a client at mock.url
        assert len(mock.requests()) == 1

or as pytest fixtures, from any test file next to this one::

    from mock_provider import mock_provider, mock_provider_factory  # noqa: F401  (fixtures)

    def test_something(mock_provider):          # one shared process, reset before each test
        mock_provider.script([...])

    def test_two_upstreams(mock_provider_factory):
        glm = mock_provider_factory(name="glm", require_key="k1")
"""

from __future__ import annotations

import json
import os
import re
import selectors
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any, Callable, Iterator, Optional, Sequence

import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent
LISTENING_LINE = re.compile(r"^mock-provider (?P<name>\S+) listening on (?P<url>http://\S+:(?P<port>\d+))$")
START_TIMEOUT_SECONDS = 30.0


def binary_path() -> Path:
    """The mock-provider executable the tests run."""
    configured = os.environ.get("MOCK_PROVIDER_BIN")
    path = Path(configured) if configured else REPO_ROOT / ".build" / "debug" / "mock-provider"
    return path if path.is_absolute() else REPO_ROOT / path


class MockProviderError(RuntimeError):
    """The mock could not be started or its control API refused a call."""


class MockProvider:
    """One mock-provider process and a client for its control API (`/_mock/...`)."""

    def __init__(
        self,
        name: str = "mock",
        require_key: Optional[str] = None,
        extra_args: Sequence[str] = (),
        binary: Optional[Path] = None,
    ) -> None:
        self.name = name
        self.require_key = require_key
        self.extra_args = list(extra_args)
        self.binary = binary or binary_path()
        self.url = ""
        self.port = 0
        self._process: Optional[subprocess.Popen[bytes]] = None
        self._stderr_file: Optional[Any] = None

    # -- process -----------------------------------------------------------------------------

    def start(self) -> "MockProvider":
        if not self.binary.exists():
            raise MockProviderError(f"mock-provider binary not found at {self.binary}; build it or set MOCK_PROVIDER_BIN")
        args = [str(self.binary), "--host", "127.0.0.1", "--port", "0", "--name", self.name]
        if self.require_key is not None:
            args += ["--require-key", self.require_key]
        args += self.extra_args
        # stderr goes to a file: a pipe nobody reads could fill up and stall the mock.
        self._stderr_file = tempfile.TemporaryFile()
        self._process = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=self._stderr_file)
        line = self._read_listening_line()
        match = LISTENING_LINE.match(line)
        if not match:
            self.stop()
            raise MockProviderError(f"unexpected first line from mock-provider: {line!r}")
        self.url = match.group("url")
        self.port = int(match.group("port"))
        return self

    def _read_listening_line(self) -> str:
        assert self._process is not None and self._process.stdout is not None
        stdout = self._process.stdout
        selector = selectors.DefaultSelector()
        selector.register(stdout, selectors.EVENT_READ)
        deadline = time.monotonic() + START_TIMEOUT_SECONDS
        buffered = b""
        try:
            while b"\n" not in buffered:
                remaining = deadline - time.monotonic()
                if remaining <= 0 or not selector.select(timeout=remaining):
                    self.stop()
                    raise MockProviderError(f"mock-provider did not announce itself within {START_TIMEOUT_SECONDS}s")
                chunk = os.read(stdout.fileno(), 4096)
                if not chunk:
                    stderr = self.stderr_text()
                    self.stop()
                    raise MockProviderError(f"mock-provider exited before listening: {stderr}")
                buffered += chunk
        finally:
            selector.close()
        return buffered.split(b"\n", 1)[0].decode()

    def stop(self) -> None:
        process, self._process = self._process, None
        if process is not None and process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=10)
        if process is not None and process.stdout is not None:
            process.stdout.close()

    def stderr_text(self) -> str:
        """What the mock wrote to stderr so far, for failure messages."""
        if self._stderr_file is None:
            return ""
        self._stderr_file.seek(0)
        return self._stderr_file.read().decode(errors="replace")

    @property
    def running(self) -> bool:
        return self._process is not None and self._process.poll() is None

    def __enter__(self) -> "MockProvider":
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    # -- control API ---------------------------------------------------------------------------

    def script(self, steps: list[dict[str, Any]]) -> dict[str, Any]:
        """Appends script steps; returns `{"ok": true, "steps": total}`."""
        return self._call("POST", "/_mock/script", {"steps": steps})

    def reset(self) -> None:
        """Clears the script and the recorded requests."""
        self._call("POST", "/_mock/reset", {})

    def requests(self) -> list[dict[str, Any]]:
        """The recorded requests, oldest first."""
        return self._call("GET", "/_mock/requests")["requests"]

    def stats(self) -> dict[str, Any]:
        """`{"requests": N, "by_status": {"200": N, ...}}`."""
        return self._call("GET", "/_mock/stats")

    def _call(self, method: str, path: str, payload: Optional[dict[str, Any]] = None) -> dict[str, Any]:
        data = None if payload is None else json.dumps(payload).encode()
        request = urllib.request.Request(self.url + path, data=data, method=method)
        if data is not None:
            request.add_header("content-type", "application/json")
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                return json.loads(response.read())
        except urllib.error.HTTPError as error:
            raise MockProviderError(f"{method} {path} -> {error.code}: {error.read().decode(errors='replace')}") from error


# -- pytest fixtures -------------------------------------------------------------------------


@pytest.fixture(scope="session")
def mock_provider_session() -> Iterator[MockProvider]:
    """One mock-provider process for the whole session."""
    with MockProvider(name="mock") as mock:
        yield mock


@pytest.fixture
def mock_provider(mock_provider_session: MockProvider) -> Iterator[MockProvider]:
    """The session's mock, with an empty script and request log."""
    mock_provider_session.reset()
    yield mock_provider_session


@pytest.fixture
def mock_provider_factory() -> Iterator[Callable[..., MockProvider]]:
    """Starts extra mocks (`factory(name=..., require_key=...)`), stopped after the test."""
    started: list[MockProvider] = []

    def start(**kwargs: Any) -> MockProvider:
        mock = MockProvider(**kwargs).start()
        started.append(mock)
        return mock

    yield start
    for mock in started:
        mock.stop()
