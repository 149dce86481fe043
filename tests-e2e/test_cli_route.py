"""`claude-router route` on the shipped routes: the decisions a newcomer's Claude Code gets."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent


def router_binary() -> str:
    return os.environ.get("CLAUDE_ROUTER_BIN", str(REPO_ROOT / ".build" / "debug" / "claude-router"))


def route(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.endswith("_API_KEY")}
    clean.update(env or {})
    return subprocess.run(
        [router_binary(), "route", *args], capture_output=True, text=True, timeout=30, env=clean, check=False
    )


def test_haiku_request_uses_the_fast_combo():
    result = route("--model", "claude-haiku-4-5-20251001", "--text", "Summarize this conversation")
    assert result.returncode == 0, result.stderr
    assert 'resolved: route "claude-*haiku*" → combo fast' in result.stdout
    assert "rule:" not in result.stdout
    assert "pick:" in result.stdout and "in fast" in result.stdout


def test_sonnet_request_uses_the_smart_combo_and_lists_attempts():
    result = route("--model", "claude-sonnet-4-5-20250929", "--text", "fix the failing test", env={"GLM_API_KEY": "k"})
    assert result.returncode == 0, result.stderr
    assert 'resolved: route "claude-*" → combo smart' in result.stdout
    attempts = [line for line in result.stdout.splitlines() if line.startswith("  ") and ". " in line]
    assert len(attempts) >= 5
    # With only GLM_API_KEY set, the pick lands on a GLM member and the others are marked skipped.
    assert "pick:     glm/" in result.stdout
    assert "glm/glm-4.6  [anthropic, ok (1 of 1 key)]" in result.stdout
    assert "missing DEEPSEEK_API_KEY] → skipped" in result.stdout
    assert "k" not in [word for line in result.stdout.splitlines() for word in line.split()], "no key value printed"


def test_rule_keyword_shows_which_keyword_matched():
    result = route("--model", "claude-sonnet-4-5", "--text", "Please ULTRATHINK about the race condition")
    assert result.returncode == 0, result.stderr
    assert 'matched keyword "ultrathink" → combo deep' in result.stdout


def test_keyword_inside_system_reminder_does_not_fire():
    result = route("--model", "claude-sonnet-4-5", "--text", "<system-reminder>ultrathink</system-reminder>hello")
    assert result.returncode == 0, result.stderr
    assert "rule:" not in result.stdout


def test_direct_provider_model_target():
    result = route("--model", "deepseek/deepseek-v4-pro")
    assert result.returncode == 0, result.stderr
    assert "resolved: target deepseek/deepseek-v4-pro (exact name)" in result.stdout


def test_request_numbers_follow_the_servers_weighted_rotation():
    keys = {"GLM_API_KEY": "k", "DEEPSEEK_API_KEY": "k", "DASHSCOPE_API_KEY": "k", "OPENROUTER_API_KEY": "k"}
    picks = []
    for number in range(1, 7):
        result = route("--model", "fast", "--request", str(number), env=keys)
        assert result.returncode == 0, result.stderr
        picks += [line.split()[1].rstrip(",") for line in result.stdout.splitlines() if line.startswith("pick:")]
    # fast is glm 2, deepseek 2, qwen 1, openrouter 1: one cycle of six requests is exactly that.
    assert sorted(picks) == sorted(["glm/glm-4.5-air"] * 2 + ["deepseek/deepseek-v4-flash"] * 2
                                   + ["qwen/qwen-plus", "openrouter/z-ai/glm-4.6"]), picks
    assert picks[0] == "glm/glm-4.5-air"

    # Without qwen's key its share goes to the others; it is never picked.
    keys.pop("DASHSCOPE_API_KEY")
    skipped = [route("--model", "fast", "--request", str(n), env=keys).stdout for n in range(1, 6)]
    assert not any("pick:     qwen/" in out for out in skipped), skipped
