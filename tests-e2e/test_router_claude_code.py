"""The real Claude Code CLI (from claude-agent-sdk) through the router to the Anthropic mock."""

from __future__ import annotations

import json
import os
import subprocess
import tempfile
from pathlib import Path

import pytest

from test_router_harness import CLIENT_KEY, anthropic_mock, mocks, router  # noqa: F401  (fixtures)


def claude_cli() -> Path:
    import claude_agent_sdk

    return Path(claude_agent_sdk.__file__).parent / "_bundled" / "claude"


def test_claude_code_completes_a_prompt(router, anthropic_mock):
    cli = claude_cli()
    if not cli.exists():
        pytest.fail(f"bundled Claude Code CLI missing at {cli}")
    home = tempfile.mkdtemp(prefix="claude-home-")
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": home,
        "ANTHROPIC_BASE_URL": router.url,
        "ANTHROPIC_API_KEY": CLIENT_KEY,
        "CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC": "1",
    }
    result = subprocess.run(
        [str(cli), "-p", "say hi to the router", "--output-format", "json"],
        env=env, cwd=home, capture_output=True, text=True, timeout=180,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    output = json.loads(result.stdout)
    assert "mock reply:" in output["result"], output
    messages = [r for r in anthropic_mock.requests() if r["path"] == "/v1/messages"]
    assert messages, "Claude Code's request did not reach the mock"
    for record in messages:
        assert json.loads(record["body"])["model"] == "claude-mock-1"
        assert CLIENT_KEY not in json.dumps(record["headers"])
