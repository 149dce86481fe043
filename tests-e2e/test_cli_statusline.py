"""`claude-router statusline` as Claude Code's statusLine command, fed by the real Claude Code.

Claude Code (bundled in claude-agent-sdk) runs interactively in a pseudo-terminal through the e2e
router, with `statusLine` set to a command that keeps the JSON Claude Code pipes in and the line
`statusline` prints out. The same real JSON is then fed again: after a request that fell back,
and with the router stopped.
"""

from __future__ import annotations

import json
import os
import pty
import select
import signal
import subprocess
import tempfile
import time
import urllib.request
from pathlib import Path

from claude_code import require_claude_cli
from mock_provider import MockProvider
from test_router_harness import CLIENT_KEY, RouterProcess, anthropic_mock, mocks, router_binary, router_env  # noqa: F401

SESSION_TIMEOUT_SECONDS = 90


def interactive_home(home: Path, workdir: Path, status_command: str) -> None:
    """A Claude Code home that starts straight into the session: onboarding done, the key and
    the folder trusted, and the status line command set."""
    (home / ".claude").mkdir(parents=True)
    (home / ".claude" / "settings.json").write_text(json.dumps({"statusLine": {"type": "command", "command": status_command}}))
    (home / ".claude.json").write_text(json.dumps({
        "hasCompletedOnboarding": True, "theme": "dark",
        "customApiKeyResponses": {"approved": [CLIENT_KEY[-20:]], "rejected": []},
        "projects": {str(workdir): {"hasTrustDialogAccepted": True, "hasCompletedProjectOnboarding": True}},
    }))


def statusline(data_dir: str, status_json: str, base_url: str) -> str:
    result = subprocess.run([str(router_binary()), "statusline", "--data-dir", data_dir], input=status_json,
                            capture_output=True, text=True, timeout=30, env=router_env(ANTHROPIC_BASE_URL=base_url))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == 1, lines
    return lines[0]


def run_interactive_until(home: Path, workdir: Path, base_url: str, done) -> None:
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(home), "TERM": "xterm-256color",
           "ANTHROPIC_BASE_URL": base_url, "ANTHROPIC_API_KEY": CLIENT_KEY,
           "CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC": "1", "IS_SANDBOX": "1"}
    pid, terminal = pty.fork()
    if pid == 0:
        os.chdir(workdir)
        os.execve(str(require_claude_cli()), [str(require_claude_cli()), "say hi to the status line"], env)
    screen = b""
    try:
        deadline = time.monotonic() + SESSION_TIMEOUT_SECONDS
        while not done():
            assert time.monotonic() < deadline, f"the status line never showed the request; screen:\n{screen[-2000:]!r}"
            if select.select([terminal], [], [], 0.2)[0]:
                try:
                    screen += os.read(terminal, 65536)
                except OSError:
                    break
    finally:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        os.close(terminal)


def test_statusline_fed_by_real_claude_code(mocks, anthropic_mock):
    data_dir = tempfile.mkdtemp(prefix="statusline-data-")
    fallback_mock = MockProvider(name="B", extra_args=["--port", "18103", "--models", "claude-mock-2"]).start()
    router = RouterProcess(router_env(MOCK_B_KEY_1="mock-b-key"), data_dir=data_dir)
    try:
        home = Path(tempfile.mkdtemp(prefix="statusline-home-"))
        workdir = home / "work"
        workdir.mkdir()
        status_in, status_out = home / "status-in.json", home / "status-out.txt"
        command = (f"tee {status_in} | {router_binary()} statusline --data-dir {data_dir} | tee {status_out}")
        interactive_home(home, workdir, command)
        run_interactive_until(home, workdir, router.url,
                              lambda: status_out.exists() and "mock-anthropic/claude-mock-1" in status_out.read_text())

        real = json.loads(status_in.read_text())
        asked = real["model"]["id"]
        assert real["session_id"] and "display_name" in real["model"], real
        shown = status_out.read_text().strip()
        assert shown.startswith(f"{asked} → mock-anthropic/claude-mock-1"), shown
        assert " tok today" in shown and "router down" not in shown and "↺" not in shown, shown

        # A request for the session's model that falls back: the mark appears.
        anthropic_mock.script([{"status": 529, "error": {"type": "overloaded_error"}, "sticky": True}])
        fallback = dict(real, model={"id": "failover-status", "display_name": "Failover"})
        request = urllib.request.Request(router.url + "/v1/messages", headers={
            "x-api-key": CLIENT_KEY, "content-type": "application/json", "anthropic-version": "2023-06-01"},
            data=json.dumps({"model": "failover-status", "max_tokens": 8,
                             "messages": [{"role": "user", "content": "hi"}]}).encode())
        with urllib.request.urlopen(request, timeout=30) as response:
            assert response.headers["x-router-target"] == "mock-anthropic-b/claude-mock-2"
        time.sleep(0.5)   # the usage writer flushes at least every 100 ms
        line = statusline(data_dir, json.dumps(fallback), router.url)
        assert line.startswith("failover-status → mock-anthropic-b/claude-mock-2 ↺ · "), line
        # The session's own model still shows its own last request.
        assert statusline(data_dir, status_in.read_text(), router.url).startswith(f"{asked} → mock-anthropic/claude-mock-1 · ")
    finally:
        router.stop()
        fallback_mock.stop()

    # The router is down: the last known request, and the fact.
    line = statusline(data_dir, status_in.read_text(), router.url)
    assert line.startswith(f"{asked} → mock-anthropic/claude-mock-1") and line.endswith("· router down"), line
    # Nothing to read at all: still one sensible line.
    assert statusline(tempfile.mkdtemp(), "not json", router.url) == "? → no request today · router down"
