"""Fixtures for the router's end-to-end tests: the `ClaudeRouterE2E` binary (the router linked
with tests-e2e/routes.yaml) in front of two `mock-provider` processes on the table's fixed ports.

The router binary comes from `$ROUTER_E2E_BIN`, else `.build/debug/ClaudeRouterE2E`; the mock from
`$MOCK_PROVIDER_BIN` (see mock_provider.py). This module holds no tests.
"""

from __future__ import annotations

import os
import re
import selectors
import socket
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Iterator, Optional

import pytest

from mock_provider import MockProvider

REPO_ROOT = Path(__file__).resolve().parent.parent
CLIENT_KEY = "e2e-client-key"
ANTHROPIC_KEY = "mock-anthropic-upstream-key"
OPENAI_KEY = "mock-openai-upstream-key"
LISTENING = re.compile(r"^claude-router listening on (?P<url>http://\S+:(?P<port>\d+))$")


def router_binary() -> Path:
    configured = os.environ.get("ROUTER_E2E_BIN")
    path = Path(configured) if configured else REPO_ROOT / ".build" / "debug" / "ClaudeRouterE2E"
    return path if path.is_absolute() else REPO_ROOT / path


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class RouterProcess:
    """One router process; `url` is its base URL, `output()` what it printed."""

    def __init__(self, env: dict[str, str], data_dir: Optional[str] = None) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.data_dir = data_dir or tempfile.mkdtemp(prefix="router-e2e-")
        self._out = tempfile.TemporaryFile()
        binary = router_binary()
        if not binary.exists():
            raise RuntimeError(f"router binary not found at {binary}; build ClaudeRouterE2E or set ROUTER_E2E_BIN")
        self.process = subprocess.Popen(
            [str(binary), "serve", "--host", "127.0.0.1", "--port", str(self.port), "--data-dir", self.data_dir],
            stdout=self._out, stderr=subprocess.STDOUT, env=env,
        )
        self._wait_listening()

    def _wait_listening(self, timeout: float = 30.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"router exited early:\n{self.output()}")
            if any(LISTENING.match(line) for line in self.output().splitlines()):
                return
            time.sleep(0.05)
        raise RuntimeError(f"router did not start listening:\n{self.output()}")

    def output(self) -> str:
        self._out.seek(0)
        return self._out.read().decode(errors="replace")

    def request_lines(self) -> list[str]:
        return [line for line in self.output().splitlines() if " request_id=" in line or "request_id=" in line]

    def stop(self) -> int:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=40)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        return self.process.returncode


@pytest.fixture(scope="module")
def mocks() -> Iterator[tuple[MockProvider, MockProvider]]:
    """The two upstreams of tests-e2e/routes.yaml, on its fixed ports, requiring the router's keys."""
    anthropic = MockProvider(name="mock-anthropic", require_key=ANTHROPIC_KEY,
                             extra_args=["--port", "18101", "--models", "claude-mock-1"]).start()
    openai = MockProvider(name="mock-openai", require_key=OPENAI_KEY,
                          extra_args=["--port", "18102", "--models", "gpt-mock-1"]).start()
    try:
        yield anthropic, openai
    finally:
        anthropic.stop()
        openai.stop()


def router_env(**extra: str) -> dict[str, str]:
    """The environment a router process runs with: ours plus the upstream keys of the e2e table."""
    env = dict(os.environ)
    env.update({"MOCK_ANTHROPIC_KEY": ANTHROPIC_KEY, "MOCK_OPENAI_KEY": OPENAI_KEY}, **extra)
    return env


@pytest.fixture(scope="module")
def router(mocks: tuple[MockProvider, MockProvider]) -> Iterator[RouterProcess]:
    process = RouterProcess(router_env())
    try:
        yield process
    finally:
        process.stop()


@pytest.fixture
def anthropic_mock(mocks: tuple[MockProvider, MockProvider]) -> MockProvider:
    mocks[0].reset()
    return mocks[0]


@pytest.fixture
def openai_mock(mocks: tuple[MockProvider, MockProvider]) -> MockProvider:
    mocks[1].reset()
    return mocks[1]


def last_request(mock: MockProvider, path_suffix: str) -> dict:
    recorded = [r for r in mock.requests() if r["path"].endswith(path_suffix)]
    assert recorded, f"no request to {path_suffix} reached {mock.name}"
    return recorded[-1]


def header(record: dict, name: str) -> Optional[str]:
    headers = record.get("headers", {})
    if isinstance(headers, dict):
        value = headers.get(name)
        return ",".join(value) if isinstance(value, list) else value
    values = [v for (k, v) in headers if k == name]
    return ",".join(values) if values else None
