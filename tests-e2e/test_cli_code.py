"""`claude-router code`: Claude Code through the router, the router started and stopped for it.

The real Claude Code CLI (bundled in claude-agent-sdk) runs a headless prompt via
`ClaudeRouterE2E code --claude … -p …`; the e2e table's mocks answer. Nothing is written to
Claude Code's settings: its home directory is inspected afterwards.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import tempfile
from pathlib import Path

from claude_code import require_claude_cli
from test_router_harness import CLIENT_KEY, RouterProcess, anthropic_mock, free_port, mocks, router_binary, router_env  # noqa: F401

TIMEOUT_SECONDS = 240


def answers(port: int) -> bool:
    with socket.socket() as sock:
        sock.settimeout(1)
        return sock.connect_ex(("127.0.0.1", port)) == 0


def run_code(port: int, home: str, *claude_args: str, extra: tuple[str, ...] = (), env: dict | None = None) -> subprocess.CompletedProcess:
    data_dir = os.path.join(home, "router-data")
    environment = router_env(HOME=home, CLAUDE_ROUTER_CLIENT_KEY=CLIENT_KEY, CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC="1")
    environment.pop("ANTHROPIC_API_KEY", None)
    environment.update(env or {})
    return subprocess.run(
        [str(router_binary()), "code", "--port", str(port), "--data-dir", data_dir, *extra, *claude_args],
        env=environment, cwd=home, capture_output=True, text=True, timeout=TIMEOUT_SECONDS, check=False,
    )


def test_code_starts_a_router_runs_a_headless_prompt_and_stops_it(anthropic_mock):
    home = tempfile.mkdtemp(prefix="code-home-")
    port = free_port()
    assert not answers(port)
    result = run_code(port, home, "-p", "say hi through claude-router code", "--output-format", "json",
                      extra=("--claude", str(require_claude_cli())))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "mock reply:" in json.loads(result.stdout)["result"]
    assert f"started a router on http://127.0.0.1:{port}" in result.stderr
    assert f"stopped the router on http://127.0.0.1:{port}" in result.stderr
    messages = [r for r in anthropic_mock.requests() if r["path"] == "/v1/messages"]
    assert messages and all(CLIENT_KEY not in json.dumps(r["headers"]) for r in messages)
    # The router it started is gone, and it drained: its usage line is written.
    assert not answers(port)
    usage = list(Path(home, "router-data", "usage").glob("*.jsonl"))
    assert usage and any('"status":200' in line for line in usage[0].read_text().splitlines())
    # Claude Code's settings were not touched: no settings file in its config directory.
    assert not list(Path(home).glob(".claude/settings*.json")), list(Path(home).glob(".claude/*"))


def test_code_uses_a_router_that_already_answers_and_leaves_it_running(mocks, anthropic_mock):
    router = RouterProcess(router_env())
    try:
        home = tempfile.mkdtemp(prefix="code-home-")
        result = run_code(router.port, home, "-p", "say hi to the running router", "--output-format", "json",
                          env={"CLAUDE_BIN": str(require_claude_cli())})
        assert result.returncode == 0, result.stdout + result.stderr
        assert "mock reply:" in json.loads(result.stdout)["result"]
        assert "started a router" not in result.stderr
        assert router.process.poll() is None and answers(router.port)
    finally:
        router.stop()


def test_code_says_clearly_when_claude_is_not_installed():
    home = tempfile.mkdtemp(prefix="code-home-")
    port = free_port()
    result = run_code(port, home, "-p", "hi", env={"PATH": "/usr/bin:/bin", "CLAUDE_BIN": ""})
    assert result.returncode == 127, result.stdout + result.stderr
    assert "Claude Code (`claude`) is not on PATH" in result.stderr and "--claude PATH" in result.stderr
    assert not answers(port), "no router is started when Claude Code cannot run"
    result = run_code(port, home, "-p", "hi", extra=("--claude", "/nonexistent/claude"))
    assert result.returncode == 127 and "/nonexistent/claude" in result.stderr
