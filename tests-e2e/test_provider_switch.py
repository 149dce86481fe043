"""One Claude Code session that moves between providers: OpenAI protocol → Anthropic protocol
(a mock that verifies thinking signatures as Anthropic does) → OpenAI protocol, each step a
separate `claude -p --resume` with another `--model`, thinking on, a tool call in every step.

Nothing a previous provider left in the history may make the next request fail: the Anthropic
step must not receive the OpenAI step's unsigned thinking, and keeps its own signed thinking;
the last OpenAI step gets no signatures and no thinking it cannot use.
"""

from __future__ import annotations

import json
import os
import subprocess
import tempfile
import urllib.error
import urllib.request
from pathlib import Path
from typing import Iterator

import pytest

from mock_provider import MockProvider
from test_router_claude_code import claude_cli
from test_router_harness import ANTHROPIC_KEY, CLIENT_KEY, OPENAI_KEY, RouterProcess, router_env


@pytest.fixture(scope="module")
def switch_mocks() -> Iterator[tuple[MockProvider, MockProvider]]:
    anthropic = MockProvider(name="mock-anthropic", require_key=ANTHROPIC_KEY,
                             extra_args=["--port", "18101", "--models", "claude-mock-1", "--verify-signatures"]).start()
    openai = MockProvider(name="mock-openai", require_key=OPENAI_KEY,
                          extra_args=["--port", "18102", "--models", "gpt-mock-1"]).start()
    try:
        yield anthropic, openai
    finally:
        anthropic.stop()
        openai.stop()


@pytest.fixture(scope="module")
def switch_router(switch_mocks: tuple[MockProvider, MockProvider]) -> Iterator[RouterProcess]:
    process = RouterProcess(router_env())
    try:
        yield process
    finally:
        process.stop()


def tool_step(word: str, thinking: str) -> dict:
    return {"match": {"contains": word, "has_tool_result": False}, "sticky": True, "reply": {
        "thinking": thinking,
        "text": "\n\n",  # blank text before the tool call, as many upstreams send it
        "tool_calls": [{"name": "Bash", "input": {"command": f"echo {word}", "description": f"echo {word}"}}]}}


def test_mock_rejects_thinking_it_did_not_sign(switch_mocks: tuple[MockProvider, MockProvider]) -> None:
    anthropic, _ = switch_mocks
    anthropic.reset()
    body = {"model": "claude-mock-1", "max_tokens": 10, "messages": [
        {"role": "user", "content": "q"},
        {"role": "assistant", "content": [{"type": "thinking", "thinking": "t", "signature": "from-elsewhere"},
                                          {"type": "text", "text": "a"}]},
        {"role": "user", "content": "again"}]}
    request = urllib.request.Request(f"{anthropic.url}/v1/messages", data=json.dumps(body).encode(), method="POST",
                                     headers={"content-type": "application/json", "x-api-key": ANTHROPIC_KEY})
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(request, timeout=10)
    assert refused.value.code == 400
    error = json.loads(refused.value.read())
    assert error["type"] == "error" and error["error"]["type"] == "invalid_request_error"
    assert error["error"]["message"] == "messages.1.content.0: Invalid `signature` in `thinking` block"


def test_three_provider_session_with_the_real_cli(switch_router: RouterProcess,
                                                  switch_mocks: tuple[MockProvider, MockProvider]) -> None:
    anthropic, openai = switch_mocks
    anthropic.reset()
    openai.reset()
    openai.script([
        tool_step("alpha", "openai plans alpha"),
        tool_step("gamma", "openai plans gamma"),
        {"match": {"has_tool_result": True}, "sticky": True, "reply": {"thinking": "openai checks", "text": "openai step done"}},
    ])
    anthropic.script([
        tool_step("beta", "anthropic plans beta"),
        {"match": {"has_tool_result": True}, "sticky": True, "reply": {"thinking": "anthropic checks", "text": "anthropic step done"}},
    ])
    cli = claude_cli()
    home = Path(tempfile.mkdtemp(prefix="claude-switch-"))
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(home),
        "IS_SANDBOX": "1",
        "ANTHROPIC_BASE_URL": switch_router.url,
        "ANTHROPIC_API_KEY": CLIENT_KEY,
        "CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC": "1",
        "MAX_THINKING_TOKENS": "4000",
    }

    def claude(prompt: str, model: str, session: str | None) -> dict:
        args = [str(cli), "-p", prompt, "--model", model, "--permission-mode", "bypassPermissions", "--output-format", "json"]
        if session:
            args += ["--resume", session]
        result = subprocess.run(args, env=env, cwd=home, capture_output=True, text=True, timeout=180)
        assert result.returncode == 0, result.stdout + result.stderr + switch_router.output()[-3000:]
        output = json.loads(result.stdout)
        assert not output.get("is_error"), output
        return output

    first = claude("alpha: run the echo", "oai", None)
    assert "openai step done" in first["result"], first
    second = claude("beta: run the echo", "anthro", first["session_id"])
    assert "anthropic step done" in second["result"], second
    third = claude("gamma: run the echo", "oai", second["session_id"])
    assert "openai step done" in third["result"], third

    # The Anthropic-protocol step: every request accepted, none carrying thinking it did not sign,
    # its own signed thinking kept on the tool turn.
    anthropic_main = [r for r in anthropic.requests() if r["path"] == "/v1/messages" and json.loads(r["body"]).get("tools")]
    assert anthropic_main, "the Anthropic step did not reach the verifying mock"
    assert all(r.get("status") in (None, "200", 200) for r in anthropic.requests()), [r.get("status") for r in anthropic.requests()]
    signed_kept = False
    for record in anthropic_main:
        for message in json.loads(record["body"])["messages"]:
            for block in message["content"] if isinstance(message["content"], list) else []:
                assert not (block.get("type") == "text" and not block.get("text", "").strip()), "a blank text block was replayed"
                if block.get("type") == "thinking":
                    assert block.get("signature"), f"unsigned thinking reached the verifying upstream: {block}"
                    signed_kept = signed_kept or block["thinking"] == "anthropic plans beta"
    assert signed_kept, "the Anthropic step's own signed thinking was not sent back on its tool turn"
    # The history it got holds the OpenAI step's tool call, without that step's unsigned thinking.
    alpha_turn = [r for r in anthropic_main if "echo alpha" in r["body"]]
    assert alpha_turn and all("openai plans alpha" not in r["body"] for r in alpha_turn)
    assert all("thinking" in json.loads(r["body"]) for r in anthropic_main), "Claude Code asked for thinking"

    # The last OpenAI-protocol step: the history arrives as Chat Completions, without signatures,
    # with the Anthropic step's tool call and result in it.
    gamma = [r for r in openai.requests() if r["path"].endswith("/chat/completions") and "echo gamma" in r["body"]]
    assert gamma, "the third step's tool loop did not reach the OpenAI mock"
    body = json.loads(gamma[-1]["body"])
    assert "signature" not in gamma[-1]["body"]
    assert any("echo beta" in json.dumps(m.get("tool_calls", "")) for m in body["messages"] if m["role"] == "assistant")
