"""A newcomer's first run: the shipped routes, no provider key set, a fresh data directory.

The router starts and says what is missing, `/readyz` answers 503, and a request from Claude
Code's default model gets a 503 that names every variable that would let it be served (each
target of its attempt list), not only the last attempt's.
"""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Iterator

import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent
MODEL = "claude-sonnet-4-5-20250929"


def router_binary() -> str:
    return os.environ.get("CLAUDE_ROUTER_BIN", str(REPO_ROOT / ".build" / "debug" / "claude-router"))


def newcomer_env(home: str) -> dict[str, str]:
    """Nothing a newcomer would not have: no key, no router settings, a fresh home."""
    return {k: v for k, v in os.environ.items()
            if not k.endswith("_API_KEY") and not k.startswith("CLAUDE_ROUTER_")} | {"HOME": home}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def first_run() -> Iterator[tuple[str, subprocess.Popen, Path]]:
    home = tempfile.mkdtemp(prefix="first-run-home-")
    port = free_port()
    log = Path(home) / "router.log"
    with log.open("wb") as out:
        process = subprocess.Popen([router_binary(), "--port", str(port)], stdout=out, stderr=subprocess.STDOUT,
                                   env=newcomer_env(home), cwd=home)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while "listening on" not in log.read_text():
            assert process.poll() is None, log.read_text()
            assert time.monotonic() < deadline, log.read_text()
            time.sleep(0.05)
        yield url, process, log
    finally:
        process.terminate()
        process.wait(timeout=30)


def get(url: str, body: bytes | None = None) -> tuple[int, dict]:
    request = urllib.request.Request(url, data=body, headers={"content-type": "application/json",
                                                              "anthropic-version": "2023-06-01"})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


def variables_of_the_attempt_list(home: str) -> list[str]:
    """Every key variable `claude-router route` lists as missing for MODEL's attempts."""
    result = subprocess.run([router_binary(), "route", "--model", MODEL], capture_output=True, text=True,
                            timeout=30, env=newcomer_env(home), check=True)
    names: list[str] = []
    for line in result.stdout.splitlines():
        match = re.search(r"missing ([A-Z0-9_, ]+)\]", line)
        if match:
            names += [n.strip() for n in match.group(1).split(",") if n.strip() not in names]
    return names


def test_first_run_without_a_key_names_every_variable_that_would_serve(first_run):
    url, _, log = first_run
    summary = log.read_text()
    assert "missing GLM_API_KEY" in summary and "listening on" in summary

    status, body = get(url + "/readyz")
    assert status == 503 and body["status"] == "not_ready", body

    request = {"model": MODEL, "max_tokens": 16, "messages": [{"role": "user", "content": "hi"}]}
    status, body = get(url + "/v1/messages", json.dumps(request).encode())
    assert status == 503, body
    assert body["type"] == "error" and body["error"]["type"] == "api_error", body
    message = body["error"]["message"]
    expected = variables_of_the_attempt_list(str(Path(log).parent))
    assert len(expected) >= 2, expected
    for name in expected:
        assert name in message, f"{name} missing from: {message}"

    # The OpenAI door says the same in its own format, and the server keeps serving.
    request = {"model": MODEL, "messages": [{"role": "user", "content": "hi"}]}
    status, body = get(url + "/v1/chat/completions", json.dumps(request).encode())
    assert status == 503 and body["error"]["code"] == "missing_credentials", body
    assert all(name in body["error"]["message"] for name in expected), body
    assert get(url + "/healthz")[0] == 200
