"""Protocol translation end to end, with real clients on both sides of the router.

Claude Code (Anthropic Messages) through the router to the OpenAI-protocol mock (`gpt-mock-1`):

- a plain prompt: the request arrives as Chat Completions, model rewritten, billing header dropped;
- a tool loop: the mock's `tool_calls` make Claude Code run Bash, and the result comes back as an
  assistant `tool_calls` turn plus a `tool` message with the same id;
- a thinking reply: `reasoning_content` reaches Claude Code as a `thinking` block;
- an image read by the Read tool: the `tool_result` image reaches the mock as an `image_url`
  `data:` part in the user message after the `tool` message.

The official `openai` SDK (Chat Completions) through the router to the Anthropic-protocol mock:
a tool call, streamed (with `include_usage`) and not streamed.

Claude Code's background calls (small/fast model) go to the Anthropic mock, so the OpenAI mock
sees the main loop; each scripted step matches on the prompt's marker words or on the presence
of tool results, and the tests pick the interesting requests out of everything the mock recorded.
"""

from __future__ import annotations

import base64
import json
import os
import subprocess
import tempfile
from pathlib import Path
from typing import Any

import openai
import pytest

from claude_code import tiny_png
from mock_provider import MockProvider
from test_router_harness import (  # noqa: F401  (fixtures)
    CLIENT_KEY, anthropic_mock, mocks, openai_mock, router,
)

CLAUDE_TIMEOUT_SECONDS = 240
OPENAI_MODEL = "gpt-mock-1"


# -- helpers ---------------------------------------------------------------------------------


def claude_cli() -> Path:
    import claude_agent_sdk

    path = Path(claude_agent_sdk.__file__).parent / "_bundled" / "claude"
    if not path.exists():
        pytest.fail(f"bundled Claude Code CLI missing at {path}")
    return path


def run_claude(router, workdir: Path, prompt: str, *, stream_json: bool = False) -> subprocess.CompletedProcess:
    """Runs `claude -p prompt` on `gpt-mock-1` in `workdir`, tools allowed without asking."""
    home = tempfile.mkdtemp(prefix="claude-home-")
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": home,
        "IS_SANDBOX": "1",
        "ANTHROPIC_BASE_URL": router.url,
        "ANTHROPIC_API_KEY": CLIENT_KEY,
        "CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC": "1",
        # Background calls (titles, quota checks) stay on the Anthropic mock.
        "ANTHROPIC_SMALL_FAST_MODEL": "claude-haiku-4-5",
        "ANTHROPIC_DEFAULT_HAIKU_MODEL": "claude-haiku-4-5",
    }
    output = ["--output-format", "stream-json", "--verbose"] if stream_json else ["--output-format", "json"]
    result = subprocess.run(
        [str(claude_cli()), "-p", prompt, "--model", OPENAI_MODEL, "--permission-mode", "bypassPermissions", *output],
        env=env, cwd=workdir, capture_output=True, text=True, timeout=CLAUDE_TIMEOUT_SECONDS,
    )
    assert result.returncode == 0, f"claude exited {result.returncode}\nstdout:\n{result.stdout}\nstderr:\n{result.stderr}"
    return result


def final_result(result: subprocess.CompletedProcess) -> dict[str, Any]:
    """The `result` object of a `json` or `stream-json` run."""
    events = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    finals = [event for event in events if event.get("type") == "result"]
    assert finals, f"no result event in Claude Code's output:\n{result.stdout}"
    return finals[-1]


def chat_requests(mock: MockProvider) -> list[dict[str, Any]]:
    """The Chat Completions requests the mock recorded, bodies decoded, oldest first."""
    return [dict(record, json=json.loads(record["body"]))
            for record in mock.requests() if record["path"].endswith("/chat/completions")]


def requests_mentioning(mock: MockProvider, marker: str) -> list[dict[str, Any]]:
    """The Chat Completions requests whose messages contain `marker`."""
    found = [record for record in chat_requests(mock) if marker in json.dumps(record["json"]["messages"])]
    assert found, f"no request mentioning {marker!r} reached {mock.name}; got {[r['body'][:300] for r in chat_requests(mock)]}"
    return found


def with_tool_messages(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [r for r in records if any(m.get("role") == "tool" for m in r["json"]["messages"])]


def assistant_tool_call(messages: list[dict[str, Any]], call_id: str) -> dict[str, Any]:
    """The `tool_calls` entry with `call_id` in the request's assistant messages."""
    calls = [call for m in messages if m.get("role") == "assistant" for call in (m.get("tool_calls") or [])]
    matching = [call for call in calls if call.get("id") == call_id]
    assert matching, f"no assistant tool call {call_id!r}; assistant tool calls: {calls}"
    return matching[0]


def tool_message_index(messages: list[dict[str, Any]], call_id: str) -> int:
    indexes = [i for i, m in enumerate(messages) if m.get("role") == "tool" and m.get("tool_call_id") == call_id]
    assert indexes, f"no tool message for {call_id!r}; roles: {[(m.get('role'), m.get('tool_call_id')) for m in messages]}"
    return indexes[0]


@pytest.fixture
def workdir(tmp_path: Path) -> Path:
    """Claude Code's working directory for one test."""
    path = tmp_path / "work"
    path.mkdir()
    return path


# -- Claude Code → router → OpenAI-protocol mock ---------------------------------------------


def test_claude_code_prompt_reaches_openai_mock_as_chat_completions(router, anthropic_mock, openai_mock, workdir):
    openai_mock.script([{"match": {"contains": "PLAIN-MARKER"}, "sticky": True,
                         "reply": {"text": "hello from the translated side"}}])

    output = json.loads(run_claude(router, workdir, "PLAIN-MARKER say hello").stdout)

    assert output["result"] == "hello from the translated side", output
    seen = requests_mentioning(openai_mock, "PLAIN-MARKER")
    for record in seen:
        assert record["path"] == "/v1/chat/completions"
        body = record["json"]
        assert body["model"] == OPENAI_MODEL
        assert isinstance(body["messages"], list) and body["messages"]
        assert "system" not in body, "the Anthropic top-level system must become system messages"
        assert any(m["role"] == "system" for m in body["messages"]), [m["role"] for m in body["messages"]]
    for record in chat_requests(openai_mock):
        assert "x-anthropic-billing-header" not in record["body"]


def test_claude_code_tool_loop_through_openai_mock(router, anthropic_mock, openai_mock, workdir):
    call_id = "call_e2e_bash_1"
    target = workdir / "out.txt"
    command = f"echo translated > {target} && echo wrote-the-file"
    openai_mock.script([
        {"match": {"contains": "TOOL-MARKER", "has_tool_result": False},
         "reply": {"tool_calls": [{"id": call_id, "name": "Bash",
                                   "input": {"command": command, "description": "Write out.txt"}}]}},
        {"match": {"has_tool_result": True}, "sticky": True, "reply": {"text": "the file is written"}},
    ])

    output = json.loads(run_claude(router, workdir, "TOOL-MARKER write the file please").stdout)

    assert target.exists(), f"Claude Code did not run the Bash tool call; output: {output}"
    assert target.read_text() == "translated\n"
    assert output["result"] == "the file is written", output
    followups = with_tool_messages(requests_mentioning(openai_mock, "TOOL-MARKER"))
    assert followups, "the tool result never reached the mock"
    messages = followups[0]["json"]["messages"]
    call = assistant_tool_call(messages, call_id)
    assert call["type"] == "function"
    assert call["function"]["name"] == "Bash"
    assert json.loads(call["function"]["arguments"])["command"] == command
    tool_index = tool_message_index(messages, call_id)
    assert "wrote-the-file" in json.dumps(messages[tool_index]["content"]), messages[tool_index]
    assert messages[tool_index - 1]["role"] == "assistant" and messages[tool_index - 1].get("tool_calls")


def test_claude_code_receives_reasoning_content_as_thinking(router, anthropic_mock, openai_mock, workdir):
    thinking = "The user wants a greeting; a short one will do."
    openai_mock.script([{"match": {"contains": "THINK-MARKER"}, "sticky": True,
                         "reply": {"thinking": thinking, "reasoning_field": "reasoning_content",
                                   "text": "a considered hello"}}])

    result = run_claude(router, workdir, "THINK-MARKER greet me", stream_json=True)

    events = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    blocks = [block for event in events if event.get("type") == "assistant"
              for block in event["message"].get("content", [])]
    thinking_blocks = [block for block in blocks if block.get("type") == "thinking"]
    assert thinking_blocks, f"no thinking block in Claude Code's assistant events: {blocks}"
    assert thinking_blocks[0]["thinking"] == thinking
    texts = [block["text"] for block in blocks if block.get("type") == "text"]
    assert texts == ["a considered hello"], blocks
    assert final_result(result)["result"] == "a considered hello"
    assert requests_mentioning(openai_mock, "THINK-MARKER")


def test_claude_code_read_image_reaches_openai_mock_as_image_url(router, anthropic_mock, openai_mock, workdir):
    call_id = "call_e2e_read_1"
    image = workdir / "red.png"
    png = tiny_png()
    image.write_bytes(png)
    openai_mock.script([
        {"match": {"contains": "IMAGE-MARKER", "has_tool_result": False},
         "reply": {"tool_calls": [{"id": call_id, "name": "Read", "input": {"file_path": str(image)}}]}},
        {"match": {"has_tool_result": True}, "sticky": True, "reply": {"text": "a red square"}},
    ])

    output = json.loads(run_claude(router, workdir, "IMAGE-MARKER what is in red.png?").stdout)

    assert output["result"] == "a red square", output
    followups = with_tool_messages(requests_mentioning(openai_mock, "IMAGE-MARKER"))
    assert followups, "the Read result never reached the mock"
    messages = followups[0]["json"]["messages"]
    assistant_tool_call(messages, call_id)
    tool_index = tool_message_index(messages, call_id)
    assert "base64" not in json.dumps(messages[tool_index]), "a tool message cannot carry the image"
    following = messages[tool_index + 1:]
    assert following and following[0]["role"] == "user", [m["role"] for m in messages]
    parts = following[0]["content"]
    assert isinstance(parts, list), parts
    urls = [part["image_url"]["url"] for part in parts if part.get("type") == "image_url"]
    assert urls, f"no image_url part in the user message after the tool message: {parts}"
    prefix = "data:image/png;base64,"
    assert urls[0].startswith(prefix), urls[0][:80]
    assert base64.b64decode(urls[0][len(prefix):]) == png


# -- openai SDK → router → Anthropic-protocol mock -------------------------------------------

WEATHER_TOOL = {
    "type": "function",
    "function": {
        "name": "get_weather",
        "description": "Current weather for a city",
        "parameters": {
            "type": "object",
            "properties": {"city": {"type": "string"}, "unit": {"type": "string", "enum": ["celsius", "fahrenheit"]}},
            "required": ["city"],
        },
    },
}
WEATHER_INPUT = {"city": "Paris", "unit": "celsius"}


def openai_client(router) -> openai.OpenAI:
    return openai.OpenAI(base_url=router.url + "/v1", api_key=CLIENT_KEY, max_retries=0, timeout=30)


def script_weather_call(mock: MockProvider) -> None:
    mock.script([{"reply": {"tool_calls": [{"id": "toolu_e2e_weather", "name": "get_weather", "input": WEATHER_INPUT}],
                            "usage": {"input_tokens": 42, "output_tokens": 7}},
                  "stream": {"args_chunks": 3}}])


def assert_anthropic_request_with_tool(mock: MockProvider, stream: bool) -> None:
    recorded = [r for r in mock.requests() if r["path"] == "/v1/messages"]
    assert len(recorded) == 1, [r["path"] for r in mock.requests()]
    body = json.loads(recorded[0]["body"])
    assert body["model"] == "claude-mock-1"
    assert body.get("stream", False) is stream
    assert [m["role"] for m in body["messages"]] == ["user"], body["messages"]
    assert "weather in Paris?" in json.dumps(body["messages"][0]["content"])
    assert [tool["name"] for tool in body["tools"]] == ["get_weather"]
    assert body["tools"][0]["input_schema"] == WEATHER_TOOL["function"]["parameters"]
    assert body["tools"][0]["description"] == "Current weather for a city"
    assert "function" not in body["tools"][0]


def test_openai_sdk_streamed_tool_call_from_anthropic_mock(router, anthropic_mock):
    script_weather_call(anthropic_mock)

    stream = openai_client(router).chat.completions.create(
        model="claude-sonnet-4-5", stream=True, stream_options={"include_usage": True}, tools=[WEATHER_TOOL],
        messages=[{"role": "user", "content": "weather in Paris?"}],
    )
    chunks = list(stream)

    calls: dict[int, dict[str, str]] = {}
    finish_reasons = []
    for chunk in chunks:
        for choice in chunk.choices:
            if choice.finish_reason:
                finish_reasons.append(choice.finish_reason)
            for delta in choice.delta.tool_calls or []:
                call = calls.setdefault(delta.index, {"id": "", "name": "", "arguments": ""})
                call["id"] += delta.id or ""
                if delta.function:
                    call["name"] += delta.function.name or ""
                    call["arguments"] += delta.function.arguments or ""
    assert list(calls) == [0], calls
    assert calls[0]["id"] == "toolu_e2e_weather", calls
    assert calls[0]["name"] == "get_weather"
    assert json.loads(calls[0]["arguments"]) == WEATHER_INPUT
    assert finish_reasons == ["tool_calls"]
    usage_chunks = [chunk for chunk in chunks if chunk.usage is not None]
    assert len(usage_chunks) == 1 and usage_chunks[0] is chunks[-1], [c.model_dump() for c in chunks]
    assert usage_chunks[0].choices == []
    assert usage_chunks[0].usage.prompt_tokens == 42
    assert usage_chunks[0].usage.completion_tokens == 7
    assert usage_chunks[0].usage.total_tokens == 49
    assert_anthropic_request_with_tool(anthropic_mock, stream=True)


def test_openai_sdk_tool_call_from_anthropic_mock(router, anthropic_mock):
    script_weather_call(anthropic_mock)

    completion = openai_client(router).chat.completions.create(
        model="claude-sonnet-4-5", tools=[WEATHER_TOOL], messages=[{"role": "user", "content": "weather in Paris?"}],
    )

    choice = completion.choices[0]
    assert choice.finish_reason == "tool_calls"
    assert [call.function.name for call in choice.message.tool_calls] == ["get_weather"]
    assert choice.message.tool_calls[0].id == "toolu_e2e_weather"
    assert choice.message.tool_calls[0].type == "function"
    assert json.loads(choice.message.tool_calls[0].function.arguments) == WEATHER_INPUT
    assert completion.usage.prompt_tokens == 42
    assert completion.usage.completion_tokens == 7
    assert_anthropic_request_with_tool(anthropic_mock, stream=False)
