"""Claude Code's WebSearch (Anthropic's web_search server tool) through the router with the real
CLI: on a target whose preset searches natively (the OpenAI mock as a DashScope-style provider,
`enable_search`) the sources come back as web_search_tool_result blocks that Claude Code hands to
the model; on a target that cannot search, the model is told so instead of getting nothing.
"""

from __future__ import annotations

import json
import os
import subprocess
import tempfile

from test_router_claude_code import claude_cli
from test_router_harness import CLIENT_KEY, mocks, openai_mock, router  # noqa: F401  (fixtures)

PROMPT = "find the swift release news"


def run_claude(router, model: str) -> dict:
    home = tempfile.mkdtemp(prefix="claude-search-")
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": home,
        "IS_SANDBOX": "1",
        "ANTHROPIC_BASE_URL": router.url,
        "ANTHROPIC_API_KEY": CLIENT_KEY,
        "CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC": "1",
    }
    result = subprocess.run(
        [str(claude_cli()), "-p", PROMPT, "--model", model, "--permission-mode", "bypassPermissions", "--output-format", "json"],
        env=env, cwd=home, capture_output=True, text=True, timeout=180,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return json.loads(result.stdout)


def script(mock) -> None:
    mock.script([
        {"match": {"contains": PROMPT, "has_tool_result": False}, "sticky": True,
         "reply": {"tool_calls": [{"name": "WebSearch", "input": {"query": "swift 6.3 release"}}]}},
        {"match": {"has_tool_result": True}, "sticky": True, "reply": {"text": "search step answered"}},
    ])


def tool_result_text(mock) -> str:
    """The WebSearch tool result Claude Code sent back to the model."""
    finals = [json.loads(r["body"]) for r in mock.requests()
              if r["path"].endswith("/chat/completions") and '"role":"tool"' in r["body"].replace(" ", "")]
    assert finals, [r["body"][:300] for r in mock.requests()]
    return json.dumps([m for m in finals[-1]["messages"] if m["role"] == "tool"])


def test_native_search_results_reach_the_model(router, openai_mock) -> None:
    script(openai_mock)
    output = run_claude(router, "searcher")
    assert "search step answered" in output["result"], output
    searches = [json.loads(r["body"]) for r in openai_mock.requests() if '"enable_search"' in r["body"]]
    assert searches, "Claude Code's WebSearch did not reach the upstream as a native search"
    assert searches[0]["enable_search"] is True and "tools" not in searches[0]
    result = tool_result_text(openai_mock)
    assert "https://search.mock.example/1" in result, result


def test_a_target_that_cannot_search_says_so(router, openai_mock) -> None:
    script(openai_mock)
    output = run_claude(router, "oai")
    assert "search step answered" in output["result"], output
    assert not any('"enable_search"' in r["body"] for r in openai_mock.requests())
    result = tool_result_text(openai_mock)
    assert "cannot search the web" in result, result
