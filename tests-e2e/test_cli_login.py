"""`claude-router login` with its output going to a pipe (a container log, `| tee`, CI).

Every line the person needs arrives while the command waits, and an authorization-code login
completes from a redirect address (or just the code) pasted on stdin, as on a machine whose
loopback the browser cannot reach. The provider is `mock-oauth` of tests-e2e/routes.yaml, served
by fake-auth-server on its fixed port.
"""

from __future__ import annotations

import os
import re
import selectors
import subprocess
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Iterator

import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent
AUTH_PORT = 18110
AUTHORIZE_LINE = re.compile(r"^\s+(http://127\.0\.0\.1:%d/authorize\?\S+)$" % AUTH_PORT)
LINE_TIMEOUT_SECONDS = 30.0


def binary(variable: str, name: str) -> str:
    return os.environ.get(variable, str(REPO_ROOT / ".build" / "debug" / name))


@pytest.fixture(scope="module")
def auth_server() -> Iterator[str]:
    process = subprocess.Popen(
        [binary("FAKE_AUTH_SERVER_BIN", "fake-auth-server"), "--port", str(AUTH_PORT)],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
    )
    try:
        reader = LineReader(process)
        reader.wait_for(lambda line: "listening on" in line)
        yield f"http://127.0.0.1:{AUTH_PORT}"
    finally:
        process.terminate()
        process.wait(timeout=10)


class LineReader:
    """Reads a child's stdout line by line as it is written, with a deadline per line."""

    def __init__(self, process: subprocess.Popen) -> None:
        self.process = process
        self.buffer = b""
        self.lines: list[str] = []

    def wait_for(self, predicate) -> str:
        assert self.process.stdout is not None
        deadline = time.monotonic() + LINE_TIMEOUT_SECONDS
        with selectors.DefaultSelector() as selector:
            selector.register(self.process.stdout, selectors.EVENT_READ)
            while True:
                while b"\n" in self.buffer:
                    raw, self.buffer = self.buffer.split(b"\n", 1)
                    line = raw.decode()
                    self.lines.append(line)
                    if predicate(line):
                        return line
                remaining = deadline - time.monotonic()
                if remaining <= 0 or not selector.select(timeout=remaining):
                    raise AssertionError(f"no such line within {LINE_TIMEOUT_SECONDS}s; printed so far: {self.lines}")
                chunk = os.read(self.process.stdout.fileno(), 4096)
                if not chunk:
                    raise AssertionError(f"stdout closed; printed: {self.lines}; exit {self.process.wait()}")
                self.buffer += chunk


class NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):  # noqa: D401  (urllib's hook)
        return None


def redirect_address(authorize_url: str) -> str:
    """What the browser would end on: the authorization server's redirect, not followed."""
    opener = urllib.request.build_opener(NoRedirects)
    try:
        opener.open(authorize_url, timeout=10)
    except urllib.error.HTTPError as error:
        assert error.code in (302, 303), error.read()
        return error.headers["Location"]
    raise AssertionError("the authorization server did not redirect")


def start_login(data_dir: str, *extra: str) -> tuple[subprocess.Popen, LineReader, str]:
    """Starts the login with stdin and stdout as pipes; returns it once the URL line arrived."""
    process = subprocess.Popen(
        [binary("ROUTER_E2E_BIN", "ClaudeRouterE2E"), "login", "mock-oauth", "--data-dir", data_dir, *extra],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )
    reader = LineReader(process)
    url = AUTHORIZE_LINE.match(reader.wait_for(lambda line: AUTHORIZE_LINE.match(line) is not None)).group(1)
    reader.wait_for(lambda line: "paste the address" in line)
    return process, reader, url


def paste(process: subprocess.Popen, text: str) -> None:
    assert process.stdin is not None
    process.stdin.write(text.encode() + b"\n")
    process.stdin.flush()


def finish(process: subprocess.Popen, reader: LineReader) -> str:
    line = reader.wait_for(lambda line: line.startswith("Logged in:"))
    assert process.wait(timeout=30) == 0, process.stderr.read().decode() if process.stderr else ""
    return line


def accounts(data_dir: str) -> str:
    result = subprocess.run([binary("ROUTER_E2E_BIN", "ClaudeRouterE2E"), "accounts", "--data-dir", data_dir],
                            capture_output=True, text=True, timeout=30, check=False)
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_pasted_redirect_address_completes_a_no_browser_login_through_a_pipe(auth_server):
    data_dir = tempfile.mkdtemp(prefix="login-e2e-")
    process, reader, url = start_login(data_dir, "--no-browser")
    assert any("--no-browser" in line for line in reader.lines), reader.lines
    paste(process, redirect_address(url))
    assert finish(process, reader) == f"Logged in: mock-oauth/default. Tokens are in {data_dir}/auth/."
    assert re.search(r"^mock-oauth\s+default\s+ok\s", accounts(data_dir), re.M), accounts(data_dir)


def test_pasted_code_alone_completes_the_login(auth_server):
    data_dir = tempfile.mkdtemp(prefix="login-e2e-")
    process, reader, url = start_login(data_dir, "--no-browser", "--account", "work")
    code = urllib.parse.parse_qs(urllib.parse.urlsplit(redirect_address(url)).query)["code"][0]
    paste(process, "")            # a stray Enter is ignored
    paste(process, "  " + code + "  ")
    assert finish(process, reader) == f"Logged in: mock-oauth/work. Tokens are in {data_dir}/auth/."


def test_a_wrong_paste_is_explained_and_the_right_one_still_completes(auth_server):
    data_dir = tempfile.mkdtemp(prefix="login-e2e-")
    process, reader, url = start_login(data_dir, "--no-browser")
    redirect = redirect_address(url)
    paste(process, re.sub(r"state=[^&]+", "state=not-the-state", redirect))
    reader.wait_for(lambda line: line.startswith("That did not complete the login"))
    paste(process, redirect)
    finish(process, reader)


def test_the_loopback_redirect_still_completes_the_login(auth_server):
    data_dir = tempfile.mkdtemp(prefix="login-e2e-")
    process, reader, url = start_login(data_dir, "--no-browser")
    with urllib.request.urlopen(url, timeout=10) as page:      # follows the redirect, as a browser would
        assert page.status == 200
        assert b"Logged in to mock-oauth" in page.read()
    finish(process, reader)
