"""mock-provider against real clients: the official anthropic and openai SDKs, raw HTTP where the
SDKs hide the wire, and the real Claude Code CLI.

Run: bash tests-e2e/install.sh && MOCK_PROVIDER_BIN=... .venv/bin/pytest tests-e2e/test_mock_provider.py -q
"""

from __future__ import annotations

import http.client
import json
import os
import socket
import subprocess
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import anthropic
import claude_agent_sdk
import openai
import pytest

from mock_provider import MockProvider, mock_provider, mock_provider_factory, mock_provider_session  # noqa: F401

CLAUDE_CLI = Path(claude_agent_sdk.__file__).parent / "_bundled" / "claude"


# -- clients and raw HTTP helpers --------------------------------------------------------------


def anthropic_client(mock: MockProvider, key: str = "test-key", retries: int = 0) -> anthropic.Anthropic:
    return anthropic.Anthropic(base_url=mock.url, api_key=key, max_retries=retries)


def openai_client(mock: MockProvider, key: str = "test-key", retries: int = 0, v1: bool = True) -> openai.OpenAI:
    return openai.OpenAI(base_url=mock.url + ("/v1" if v1 else ""), api_key=key, max_retries=retries)


def post(mock: MockProvider, path: str, body: bytes | str, headers: dict[str, str] | None = None) -> tuple[int, dict[str, str], bytes]:
    """One POST on a fresh connection; returns status, lowercased headers and the whole body."""
    connection = http.client.HTTPConnection("127.0.0.1", mock.port, timeout=30)
    try:
        payload = body.encode() if isinstance(body, str) else body
        connection.request("POST", path, body=payload, headers={"content-type": "application/json", **(headers or {})})
        response = connection.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
    finally:
        connection.close()


def sse_events(body: bytes) -> list[tuple[str | None, str]]:
    """(event name, data) per SSE frame."""
    events = []
    for frame in body.decode().split("\n\n"):
        if not frame.strip():
            continue
        name = None
        data = []
        for line in frame.split("\n"):
            if line.startswith("event: "):
                name = line[len("event: "):]
            elif line.startswith("data: "):
                data.append(line[len("data: "):])
        events.append((name, "\n".join(data)))
    return events


def user_message(text: str) -> list[dict[str, Any]]:
    return [{"role": "user", "content": text}]


# -- Anthropic protocol ------------------------------------------------------------------------


def test_anthropic_default_reply_echoes_latest_user_words(mock_provider):
    client = anthropic_client(mock_provider)
    message = client.messages.create(
        model="claude-opus-5-5",
        max_tokens=100,
        messages=[
            {"role": "user", "content": "first question"},
            {"role": "assistant", "content": "first answer"},
            {
                "role": "user",
                "content": [
                    {"type": "text", "text": "<system-reminder>ignore me</system-reminder>"},
                    {"type": "text", "text": "  the latest words  "},
                ],
            },
        ],
    )
    assert message.content[0].type == "text"
    assert message.content[0].text == "mock reply: the latest words"
    assert message.model == "claude-opus-5-5"
    assert message.stop_reason == "end_turn"
    assert message.usage.output_tokens == 5

    [recorded] = mock_provider.requests()
    assert recorded["protocol"] == "anthropic"
    assert recorded["path"] == "/v1/messages"
    assert recorded["step"] is None
    # this SDK sends its key as a bearer token; others use x-api-key
    assert "test-key" in (recorded["headers"].get("x-api-key"), recorded["headers"].get("authorization", "").removeprefix("Bearer "))
    assert "anthropic-version" in recorded["headers"]
    assert message.usage.input_tokens == len(recorded["body"].encode()) // 4
    assert json.loads(recorded["body"])["model"] == "claude-opus-5-5"


def test_anthropic_stream_renders_thinking_text_and_tool_use_blocks(mock_provider):
    mock_provider.script([
        {
            "reply": {
                "thinking": "let me think about it",
                "text": "I will list the files.",
                "tool_calls": [{"id": "toolu_fixed", "name": "Bash", "input": {"command": "ls -la", "description": "list"}}],
                "usage": {"input_tokens": 120, "output_tokens": 30, "cache_read_input_tokens": 80},
            },
            "stream": {"text_chunks": 3, "args_chunks": 4},
        }
    ])
    client = anthropic_client(mock_provider)
    with client.messages.stream(model="claude-opus-4-1", max_tokens=1000, messages=user_message("list files")) as stream:
        events = list(stream)
        final = stream.get_final_message()

    assert [block.type for block in final.content] == ["thinking", "text", "tool_use"]
    assert final.content[0].thinking == "let me think about it"
    assert final.content[0].signature
    assert final.content[1].text == "I will list the files."
    assert final.content[2].id == "toolu_fixed"
    assert final.content[2].name == "Bash"
    assert final.content[2].input == {"command": "ls -la", "description": "list"}
    assert final.stop_reason == "tool_use"
    assert (final.usage.input_tokens, final.usage.output_tokens, final.usage.cache_read_input_tokens) == (120, 30, 80)

    raw = [event for event in events if event.type in {
        "message_start", "content_block_start", "content_block_delta", "content_block_stop", "message_delta", "message_stop"}]
    assert raw[0].type == "message_start" and raw[-1].type == "message_stop"
    assert raw[-2].type == "message_delta"
    starts = [event for event in raw if event.type == "content_block_start"]
    assert [(event.index, event.content_block.type) for event in starts] == [(0, "thinking"), (1, "text"), (2, "tool_use")]
    deltas = [event for event in raw if event.type == "content_block_delta"]
    delta_kinds = [(event.index, event.delta.type) for event in deltas]
    assert delta_kinds == [(0, "thinking_delta")] * 3 + [(0, "signature_delta")] + [(1, "text_delta")] * 3 + [(2, "input_json_delta")] * 4
    # every block is closed before the next one opens
    order = [(event.type, event.index) for event in raw if event.type in {"content_block_start", "content_block_stop"}]
    assert order == [("content_block_start", 0), ("content_block_stop", 0), ("content_block_start", 1),
                     ("content_block_stop", 1), ("content_block_start", 2), ("content_block_stop", 2)]


def test_anthropic_wire_stream_has_event_names_matching_types(mock_provider):
    status, headers, body = post(mock_provider, "/v1/messages?beta=true",
                                 json.dumps({"model": "m", "stream": True, "messages": user_message("wire")}))
    assert status == 200
    assert headers["content-type"].startswith("text/event-stream")
    events = sse_events(body)
    for name, data in events:
        assert json.loads(data)["type"] == name
    names = [name for name, _ in events]
    assert names[0] == "message_start" and names[-2:] == ["message_delta", "message_stop"]
    [recorded] = mock_provider.requests()
    assert recorded["query"] == "beta=true"


def test_anthropic_count_tokens(mock_provider):
    client = anthropic_client(mock_provider)
    counted = client.messages.count_tokens(model="claude-opus-5-5", messages=user_message("count me please"))
    [recorded] = mock_provider.requests()
    assert recorded["path"] == "/v1/messages/count_tokens"
    assert counted.input_tokens == max(1, len(recorded["body"].encode()) // 4)


def test_model_lists_in_both_shapes(mock_provider_factory):
    mock = mock_provider_factory(name="lists", extra_args=["--models", "glm-4.6,glm-4.5-air"])
    assert [model.id for model in openai_client(mock).models.list()] == ["glm-4.6", "glm-4.5-air"]
    assert [model.id for model in anthropic_client(mock).models.list()] == ["glm-4.6", "glm-4.5-air"]


# -- OpenAI protocol ---------------------------------------------------------------------------


def test_openai_default_reply_and_usage_with_cached_tokens(mock_provider):
    mock_provider.script([{"reply": {"usage": {"input_tokens": 50, "output_tokens": 7, "cache_read_input_tokens": 40}}}])
    client = openai_client(mock_provider)
    completion = client.chat.completions.create(
        model="deepseek-v4-flash",
        messages=[{"role": "system", "content": "be brief"}, {"role": "user", "content": "hello openai"}],
    )
    choice = completion.choices[0]
    assert choice.message.content == "mock reply: hello openai"
    assert choice.finish_reason == "stop"
    assert completion.model == "deepseek-v4-flash"
    assert completion.usage.prompt_tokens == 90
    assert completion.usage.completion_tokens == 7
    assert completion.usage.prompt_tokens_details.cached_tokens == 40
    [recorded] = mock_provider.requests()
    assert recorded["protocol"] == "openai" and recorded["step"] == 0
    assert recorded["headers"]["authorization"] == "Bearer test-key"


def test_openai_stream_usage_chunk_only_when_requested(mock_provider):
    client = openai_client(mock_provider, v1=False)  # DeepSeek-style base without /v1
    with_usage = list(client.chat.completions.create(
        model="m", messages=user_message("count"), stream=True, stream_options={"include_usage": True}))
    without_usage = list(client.chat.completions.create(model="m", messages=user_message("count"), stream=True))

    assert with_usage[-1].choices == [] and with_usage[-1].usage.completion_tokens == 3
    assert all(chunk.usage is None for chunk in without_usage)
    text = "".join(chunk.choices[0].delta.content or "" for chunk in without_usage if chunk.choices)
    assert text == "mock reply: count"
    assert [chunk.choices[0].finish_reason for chunk in without_usage][-1] == "stop"
    assert [r["path"] for r in mock_provider.requests()] == ["/chat/completions", "/chat/completions"]


def test_openai_stream_tool_calls_in_argument_pieces(mock_provider):
    tool_input = {"command": "echo 'hi there' && ls", "timeout": 5}
    mock_provider.script([{"reply": {"tool_calls": [{"name": "Bash", "input": tool_input},
                                                    {"id": "call_given", "name": "Read", "input": {"path": "/x"}}]},
                           "stream": {"args_chunks": 3}}])
    chunks = list(openai_client(mock_provider).chat.completions.create(
        model="m", messages=user_message("run it"), stream=True))
    calls: dict[int, dict[str, Any]] = {}
    argument_pieces = 0
    for chunk in chunks:
        for call in (chunk.choices[0].delta.tool_calls or []) if chunk.choices else []:
            entry = calls.setdefault(call.index, {"id": None, "name": None, "arguments": ""})
            if call.id:
                entry["id"] = call.id
            if call.function and call.function.name:
                entry["name"] = call.function.name
            if call.function and call.function.arguments:
                entry["arguments"] += call.function.arguments
                argument_pieces += 1
    assert argument_pieces == 6
    assert calls[0]["name"] == "Bash" and json.loads(calls[0]["arguments"]) == tool_input
    assert calls[0]["id"]
    assert calls[1] == {"id": "call_given", "name": "Read", "arguments": '{"path":"/x"}'}
    assert chunks[-1].choices[0].finish_reason == "tool_calls"


@pytest.mark.parametrize("style, expected_ids", [("kimi", ["functions.Bash:0", "functions.Read:1"]), ("missing", [None, None])])
def test_openai_tool_call_id_styles(mock_provider, style, expected_ids):
    mock_provider.script([{"reply": {"tool_calls": [{"name": "Bash", "input": {}}, {"name": "Read", "input": {}}],
                                     "openai_tool_call_ids": style}}])
    status, _, body = post(mock_provider, "/v1/chat/completions", json.dumps({"model": "kimi-k2.5", "messages": user_message("x")}))
    assert status == 200
    calls = json.loads(body)["choices"][0]["message"]["tool_calls"]
    assert [call.get("id") for call in calls] == expected_ids
    assert [call["function"]["name"] for call in calls] == ["Bash", "Read"]


def test_openai_reasoning_fields(mock_provider):
    mock_provider.script([
        {"reply": {"thinking": "deep thought", "text": "answer"}},
        {"reply": {"thinking": "deep thought", "text": "answer", "reasoning_field": "reasoning"}},
        {"reply": {"thinking": "deep thought", "text": "answer", "reasoning_field": "think_tags"}},
        {"reply": {"thinking": "streamed thought", "text": "answer"}, "stream": {"text_chunks": 2}},
    ])
    client = openai_client(mock_provider)
    first, second, third = (client.chat.completions.create(model="m", messages=user_message("q")).choices[0].message
                            for _ in range(3))
    assert first.content == "answer" and first.model_extra["reasoning_content"] == "deep thought"
    assert second.content == "answer" and second.model_extra["reasoning"] == "deep thought"
    assert "reasoning_content" not in second.model_extra
    assert third.content == "<think>deep thought</think>answer"

    chunks = list(client.chat.completions.create(model="m", messages=user_message("q"), stream=True))
    reasoning = [chunk.choices[0].delta.model_extra.get("reasoning_content") for chunk in chunks if chunk.choices]
    assert [piece for piece in reasoning if piece] == ["streamed", " thought"]


@pytest.mark.parametrize("omit, check", [
    ("omit_done", lambda lines: "[DONE]" not in lines and any('"finish_reason":"stop"' in line for line in lines)),
    ("omit_finish_reason", lambda lines: lines[-1] == "[DONE]" and all('"finish_reason":"stop"' not in line for line in lines)),
    ("omit_usage", lambda lines: lines[-1] == "[DONE]" and all('"usage":{' not in line for line in lines)),
])
def test_openai_stream_omissions(mock_provider, omit, check):
    mock_provider.script([{"stream": {omit: True}}])
    request = {"model": "m", "stream": True, "stream_options": {"include_usage": True}, "messages": user_message("x")}
    status, _, body = post(mock_provider, "/v1/chat/completions", json.dumps(request))
    assert status == 200
    lines = [data for _, data in sse_events(body)]
    assert check(lines)


# -- script matching ---------------------------------------------------------------------------


def test_steps_match_by_protocol_model_words_headers_and_are_used_up(mock_provider):
    mock_provider.script([
        {"match": {"protocol": "openai"}, "reply": {"text": "openai only"}},
        {"match": {"model": "claude-*haiku*"}, "reply": {"text": "haiku"}},
        {"match": {"contains": "magic"}, "reply": {"text": "magic word"}, "times": 2},
        {"match": {"header": {"X-Tenant": "blue"}}, "reply": {"text": "blue tenant"}, "sticky": True},
    ])
    client = anthropic_client(mock_provider)

    def ask(text: str, model: str = "claude-opus-5-5", **kwargs: Any) -> str:
        return client.messages.create(model=model, max_tokens=10, messages=user_message(text), **kwargs).content[0].text

    assert ask("hi", model="claude-3-5-haiku-latest") == "haiku"
    assert ask("hi", model="claude-3-5-haiku-latest") == "mock reply: hi"  # used up
    assert ask("say the magic word") == "magic word"
    assert ask("magic again") == "magic word"
    assert ask("magic thrice") == "mock reply: magic thrice"
    for _ in range(3):
        assert ask("tenant", extra_headers={"x-tenant": "blue"}) == "blue tenant"
    assert ask("tenant", extra_headers={"x-tenant": "red"}) == "mock reply: tenant"
    assert openai_client(mock_provider).chat.completions.create(
        model="m", messages=user_message("x")).choices[0].message.content == "openai only"
    assert [r["step"] for r in mock_provider.requests()] == [1, None, 2, 2, None, 3, 3, 3, None, 0]


def test_has_tool_result_matches_the_latest_user_turn(mock_provider):
    mock_provider.script([
        {"match": {"has_tool_result": True}, "reply": {"text": "saw the result"}, "sticky": True},
        {"match": {"has_tool_result": False}, "reply": {"tool_calls": [{"name": "Bash", "input": {"command": "ls"}}]}, "sticky": True},
    ])
    client = anthropic_client(mock_provider)
    first = client.messages.create(model="m", max_tokens=10, messages=user_message("go"))
    assert first.content[0].type == "tool_use" and first.stop_reason == "tool_use"
    second = client.messages.create(model="m", max_tokens=10, messages=[
        {"role": "user", "content": "go"},
        {"role": "assistant", "content": [block.model_dump() for block in first.content]},
        {"role": "user", "content": [{"type": "tool_result", "tool_use_id": first.content[0].id, "content": "file.txt"}]},
    ])
    assert second.content[0].text == "saw the result"

    openai_followup = openai_client(mock_provider).chat.completions.create(model="m", messages=[
        {"role": "user", "content": "go"},
        {"role": "assistant", "content": None, "tool_calls": [
            {"id": "call_1", "type": "function", "function": {"name": "Bash", "arguments": "{}"}}]},
        {"role": "tool", "tool_call_id": "call_1", "content": "file.txt"},
    ])
    assert openai_followup.choices[0].message.content == "saw the result"


def test_invalid_script_is_rejected(mock_provider):
    status, _, body = post(mock_provider, "/_mock/script", '{"steps": [{"reply": {"reasoning_field": "nope"}}]}')
    assert status == 400 and "invalid script" in json.loads(body)["error"]
    typo = {"steps": [{"delay": 5, "reply": {"tool_call": []}, "random": {"rate": 1, "failures": [{"stauts": 500}]}}]}
    status, _, body = post(mock_provider, "/_mock/script", json.dumps(typo))
    assert status == 400
    assert json.loads(body)["error"] == ("unknown script members: steps[0].delay, "
                                         "steps[0].random.failures[0].stauts, steps[0].reply.tool_call")
    # free-form members (headers, tool inputs) may hold anything
    free = {"steps": [{"headers": {"x-anything": "1"}, "match": {"header": {"x-any": "v"}},
                       "reply": {"tool_calls": [{"name": "T", "input": {"any_key": {"nested": 1}}}]}}]}
    assert mock_provider.script(free["steps"]) == {"ok": True, "steps": 1}


# -- errors, dropped connections, cut streams ---------------------------------------------------


@pytest.mark.parametrize("status, error_type, anthropic_error, openai_error", [
    (400, "invalid_request_error", anthropic.BadRequestError, openai.BadRequestError),
    (401, "authentication_error", anthropic.AuthenticationError, openai.AuthenticationError),
    (429, "rate_limit_error", anthropic.RateLimitError, openai.RateLimitError),
    (500, "api_error", anthropic.InternalServerError, openai.InternalServerError),
    (529, "overloaded_error", anthropic.OverloadedError, openai.InternalServerError),
])
def test_scripted_errors_raise_the_sdk_error_classes(mock_provider, status, error_type, anthropic_error, openai_error):
    step = {"status": status, "error": {"type": error_type, "message": f"scripted {status}"}, "headers": {"retry-after": "2"}}
    mock_provider.script([step, step])
    with pytest.raises(anthropic_error) as caught:
        anthropic_client(mock_provider).messages.create(model="m", max_tokens=10, messages=user_message("x"))
    assert caught.value.status_code == status
    assert caught.value.body == {"type": "error", "error": {"type": error_type, "message": f"scripted {status}"}}
    assert caught.value.response.headers["retry-after"] == "2"

    with pytest.raises(openai_error) as caught_openai:
        openai_client(mock_provider).chat.completions.create(model="m", messages=user_message("x"))
    assert caught_openai.value.status_code == status
    assert caught_openai.value.body["type"] == error_type
    assert caught_openai.value.body["message"] == f"scripted {status}"


def test_raw_response_is_sent_as_is(mock_provider):
    mock_provider.script([{"raw": {"status": 502, "content_type": "text/html", "body": "<html>bad gateway</html>"}}])
    status, headers, body = post(mock_provider, "/v1/messages", json.dumps({"model": "m", "messages": user_message("x")}))
    assert (status, headers["content-type"], body) == (502, "text/html", b"<html>bad gateway</html>")


def test_malformed_json_gets_400_in_each_protocol(mock_provider):
    status, _, body = post(mock_provider, "/v1/messages", "{not json")
    assert status == 400 and json.loads(body)["type"] == "error"
    assert json.loads(body)["error"]["type"] == "invalid_request_error"
    status, _, body = post(mock_provider, "/v1/chat/completions", b"\xff\xfe[")
    assert status == 400 and json.loads(body)["error"]["type"] == "invalid_request_error"
    # the mock is still serving
    assert post(mock_provider, "/v1/messages", json.dumps({"model": "m", "messages": user_message("ok")}))[0] == 200
    assert mock_provider.stats()["by_status"] == {"400": 2, "200": 1}


def test_required_key(mock_provider_factory):
    mock = mock_provider_factory(name="keyed", require_key="sekrit")
    with pytest.raises(anthropic.AuthenticationError) as caught:
        anthropic_client(mock, key="wrong").messages.create(model="m", max_tokens=10, messages=user_message("x"))
    assert caught.value.body["error"]["type"] == "authentication_error"
    with pytest.raises(openai.AuthenticationError):
        openai_client(mock, key="wrong").chat.completions.create(model="m", messages=user_message("x"))
    assert anthropic_client(mock, key="sekrit").messages.create(
        model="m", max_tokens=10, messages=user_message("x")).content[0].text == "mock reply: x"
    assert openai_client(mock, key="sekrit").chat.completions.create(
        model="m", messages=user_message("y")).choices[0].message.content == "mock reply: y"
    assert mock.stats()["by_status"] == {"401": 2, "200": 2}


def test_connection_reset_before_any_byte(mock_provider):
    mock_provider.script([{"reset": True}])
    with pytest.raises(anthropic.APIConnectionError):
        anthropic_client(mock_provider).messages.create(model="m", max_tokens=10, messages=user_message("x"))
    # the step is used up: a retrying client gets through on its next attempt
    mock_provider.script([{"reset": True}])
    message = anthropic_client(mock_provider, retries=2).messages.create(model="m", max_tokens=10, messages=user_message("again"))
    assert message.content[0].text == "mock reply: again"
    assert [r["status"] for r in mock_provider.requests()] == ["reset", "reset", "200"]

    # on the wire: no status line at all
    mock_provider.script([{"reset": True}])
    with pytest.raises((ConnectionResetError, http.client.RemoteDisconnected)):
        post(mock_provider, "/v1/chat/completions", json.dumps({"model": "m", "messages": user_message("x")}))


def test_cut_stream_ends_without_final_event(mock_provider):
    mock_provider.script([{"stream": {"cut_after_events": 4}}, {"stream": {"cut_after_events": 2}}])
    received = []
    # The anthropic SDK lets the transport's error through; what matters is the unfinished body.
    with pytest.raises(Exception, match="incomplete chunked read"):
        with anthropic_client(mock_provider).messages.stream(model="m", max_tokens=10, messages=user_message("x")) as stream:
            for event in stream:
                received.append(event.type)
    # 4 wire events: message_start, ping, content_block_start, the first text delta
    assert received == ["message_start", "content_block_start", "content_block_delta", "text"]

    chunks = []
    with pytest.raises(openai.APIConnectionError):
        for chunk in openai_client(mock_provider).chat.completions.create(model="m", messages=user_message("x"), stream=True):
            chunks.append(chunk)
    assert [chunk.choices[0].delta.content for chunk in chunks] == ["", "mock reply: x"]


def test_error_as_first_stream_event(mock_provider):
    mock_provider.script([{"stream": {"error_first": {"type": "overloaded_error", "message": "busy"}}}] * 2)
    with pytest.raises(anthropic.APIStatusError) as caught:
        with anthropic_client(mock_provider).messages.stream(model="m", max_tokens=10, messages=user_message("x")) as stream:
            list(stream)
    assert caught.value.body == {"type": "error", "error": {"type": "overloaded_error", "message": "busy"}}

    with pytest.raises(openai.APIError) as caught_openai:
        list(openai_client(mock_provider).chat.completions.create(model="m", messages=user_message("x"), stream=True))
    assert caught_openai.value.body == {"message": "busy", "type": "overloaded_error", "param": None, "code": "overloaded_error"}
    assert [r["status"] for r in mock_provider.requests()] == ["200", "200"]


def test_random_failures_are_seeded_and_round_robin(mock_provider):
    def run() -> list[int]:
        mock_provider.reset()
        mock_provider.script([{"sticky": True, "reply": {"text": "fine"}, "random": {
            "seed": 42, "rate": 0.3,
            "failures": [{"status": 529, "error": {"type": "overloaded_error"}}, {"status": 500}]}}])
        body = json.dumps({"model": "m", "messages": user_message("x")})
        return [post(mock_provider, "/v1/messages", body)[0] for _ in range(60)]

    statuses = run()
    failures = [status for status in statuses if status != 200]
    assert 5 <= len(failures) <= 35
    assert failures == [529, 500] * (len(failures) // 2) + [529] * (len(failures) % 2)
    stats = mock_provider.stats()
    assert stats["requests"] == 60
    assert stats["by_status"]["200"] == statuses.count(200)
    assert stats["by_status"].get("529", 0) == statuses.count(529)
    assert run() == statuses  # the same seed gives the same sequence


# -- streaming delivery ------------------------------------------------------------------------


def test_delayed_stream_arrives_piece_by_piece(mock_provider):
    """With chunk_delay_ms each event leaves in its own write, so the client reads them apart."""
    mock_provider.script([{"stream": {"chunk_delay_ms": 200, "text_chunks": 3}}])
    body = json.dumps({"model": "m", "stream": True, "messages": user_message("one two three")}).encode()
    with socket.create_connection(("127.0.0.1", mock_provider.port), timeout=30) as sock:
        sock.sendall(b"POST /v1/messages HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\n"
                     + f"content-length: {len(body)}\r\n\r\n".encode() + body)
        reads = []
        while True:
            data = sock.recv(65536)
            reads.append(data)
            if not data or b"message_stop" in data:
                break
    event_reads = [data for data in reads if b"event: " in data]
    # message_start, ping, 1 block start + 3 deltas + stop, message_delta, message_stop = 9 events;
    # a body buffered to the end would arrive in one or two reads (a loaded machine may merge a few)
    assert len(event_reads) >= 5
    assert sum(data.count(b"event: ") for data in reads) == 9


def test_many_concurrent_streams(mock_provider):
    mock_provider.script([{"sticky": True, "stream": {"chunk_delay_ms": 20, "text_chunks": 5}}])

    def one(index: int) -> bool:
        status, _, body = post(mock_provider, "/v1/messages", json.dumps(
            {"model": "m", "stream": True, "messages": user_message(f"request number {index}")}))
        events = sse_events(body)
        text = "".join(json.loads(data)["delta"].get("text", "") for name, data in events if name == "content_block_delta")
        return status == 200 and events[-1][0] == "message_stop" and text == f"mock reply: request number {index}"

    with ThreadPoolExecutor(max_workers=256) as pool:
        results = list(pool.map(one, range(256)))
    assert all(results)
    assert mock_provider.stats() == {"requests": 256, "by_status": {"200": 256}}


# -- the real Claude Code CLI ------------------------------------------------------------------


def run_claude(mock: MockProvider, prompt: str, workdir: Path, home: Path, *extra: str) -> dict[str, Any]:
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(home),
        "ANTHROPIC_BASE_URL": mock.url,
        "ANTHROPIC_API_KEY": "x",
        "CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC": "1",
        # Claude Code refuses to skip permission prompts as root unless told it is sandboxed.
        "IS_SANDBOX": "1",
    }
    completed = subprocess.run(
        [str(CLAUDE_CLI), "-p", prompt, "--output-format", "json", *extra],
        cwd=workdir, env=env, capture_output=True, text=True, timeout=180,
    )
    assert completed.returncode == 0, completed.stderr + completed.stdout
    return json.loads(completed.stdout)


def test_claude_code_says_hi_through_the_mock(mock_provider, tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    result = run_claude(mock_provider, "say hi", tmp_path, home)
    assert result["is_error"] is False
    assert result["result"] == "mock reply: say hi"
    generation = [r for r in mock_provider.requests() if r["path"] == "/v1/messages"]
    assert generation and all(r["status"] == "200" for r in generation)
    assert json.loads(generation[-1]["body"])["stream"] is True


def test_claude_code_tool_loop_runs_bash(mock_provider, tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    work = tmp_path / "work"
    work.mkdir()
    target = work / "hello.txt"
    mock_provider.script([
        {"match": {"has_tool_result": False}, "reply": {"tool_calls": [
            {"name": "Bash", "input": {"command": f"echo hello-from-mock > {target}", "description": "write a file"}}]}},
        {"match": {"has_tool_result": True}, "reply": {"text": "the file is written"}},
    ])
    result = run_claude(mock_provider, "write hello to a file", work, home, "--permission-mode", "bypassPermissions")
    assert target.read_text().strip() == "hello-from-mock"
    assert result["result"] == "the file is written"
    assert result["num_turns"] == 2
    steps = [r["step"] for r in mock_provider.requests() if r["path"] == "/v1/messages"]
    assert steps == [0, 1]
    second = json.loads(mock_provider.requests()[-1]["body"])
    tool_results = [block for block in second["messages"][-1]["content"] if block.get("type") == "tool_result"]
    assert len(tool_results) == 1 and tool_results[0]["tool_use_id"].startswith("toolu_mock_")
