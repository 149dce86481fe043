"""Issue 13 end to end with the official `openai` SDK: `n` > 1 and `response_format` across
protocols, a gzip-compressed body, and a duplicate key, through the router to the mocks.

- `n: 2` to an OpenAI-protocol model: passed through, both choices come back (plain and streamed);
- `n: 2` to an Anthropic-protocol model: a clear 400, nothing sent upstream;
- `response_format` json_schema to an Anthropic-protocol model: the mock receives one forced tool
  whose `input_schema` is the schema; the client gets the tool input as `message.content`.
"""

from __future__ import annotations

import gzip
import json
import urllib.error
import urllib.request

import openai
import pytest

from test_router_harness import (  # noqa: F401  (fixtures)
    CLIENT_KEY, anthropic_mock, last_request, mocks, openai_mock, router,
)

SCHEMA = {
    "type": "object",
    "properties": {"city": {"type": "string"}, "temp_c": {"type": "number"}},
    "required": ["city", "temp_c"],
    "additionalProperties": False,
}
ANSWER = {"city": "Paris", "temp_c": 21.5}


def client(router) -> openai.OpenAI:
    return openai.OpenAI(base_url=router.url + "/v1", api_key=CLIENT_KEY, max_retries=0, timeout=30)


def two_choices(content_a: str, content_b: str) -> str:
    return json.dumps({
        "id": "chatcmpl-n2", "object": "chat.completion", "created": 1, "model": "gpt-mock-1",
        "choices": [
            {"index": 0, "message": {"role": "assistant", "content": content_a}, "finish_reason": "stop"},
            {"index": 1, "message": {"role": "assistant", "content": content_b}, "finish_reason": "stop"},
        ],
        "usage": {"prompt_tokens": 5, "completion_tokens": 6, "total_tokens": 11},
    })


def two_choice_stream() -> str:
    def chunk(index: int, delta: dict, finish=None) -> str:
        return "data: " + json.dumps({
            "id": "chatcmpl-n2", "object": "chat.completion.chunk", "created": 1, "model": "gpt-mock-1",
            "choices": [{"index": index, "delta": delta, "finish_reason": finish}],
        }) + "\n\n"
    usage = "data: " + json.dumps({
        "id": "chatcmpl-n2", "object": "chat.completion.chunk", "created": 1, "model": "gpt-mock-1", "choices": [],
        "usage": {"prompt_tokens": 5, "completion_tokens": 6, "total_tokens": 11},
    }) + "\n\n"
    return (chunk(0, {"role": "assistant", "content": ""}) + chunk(1, {"role": "assistant", "content": ""})
            + chunk(0, {"content": "first"}) + chunk(1, {"content": "second"})
            + chunk(0, {}, "stop") + chunk(1, {}, "stop") + usage + "data: [DONE]\n\n")


def test_n2_to_an_openai_model_returns_both_choices(router, openai_mock):
    openai_mock.script([{"raw": {"status": 200, "content_type": "application/json", "body": two_choices("first", "second")}}])
    completion = client(router).chat.completions.create(
        model="gpt-4o", n=2, messages=[{"role": "user", "content": "two please"}])
    assert [choice.message.content for choice in completion.choices] == ["first", "second"]
    assert json.loads(last_request(openai_mock, "/chat/completions")["body"])["n"] == 2


def test_n2_streamed_to_an_openai_model_returns_both_choices(router, openai_mock):
    openai_mock.script([{"raw": {"status": 200, "content_type": "text/event-stream", "body": two_choice_stream()}}])
    stream = client(router).chat.completions.create(
        model="gpt-4o", n=2, stream=True, messages=[{"role": "user", "content": "two please"}])
    texts: dict[int, str] = {}
    finishes: dict[int, str] = {}
    for chunk in stream:
        for choice in chunk.choices:
            texts[choice.index] = texts.get(choice.index, "") + (choice.delta.content or "")
            if choice.finish_reason:
                finishes[choice.index] = choice.finish_reason
    assert texts == {0: "first", 1: "second"}
    assert finishes == {0: "stop", 1: "stop"}


def test_n2_to_an_anthropic_model_is_refused(router, anthropic_mock):
    with pytest.raises(openai.BadRequestError) as refused:
        client(router).chat.completions.create(
            model="claude-sonnet-4-5", n=2, messages=[{"role": "user", "content": "two please"}])
    assert "2 choices" in refused.value.message
    assert not [r for r in anthropic_mock.requests() if r["path"] == "/v1/messages"]


def script_structured_answer(mock) -> None:
    mock.script([{"reply": {"tool_calls": [{"id": "toolu_schema", "name": "weather_report", "input": ANSWER}],
                            "stop_reason": "tool_use", "usage": {"input_tokens": 20, "output_tokens": 9}},
                  "stream": {"args_chunks": 3}}])


def assert_forced_schema_tool(mock, stream: bool) -> None:
    recorded = [r for r in mock.requests() if r["path"] == "/v1/messages"]
    assert len(recorded) == 1
    body = json.loads(recorded[0]["body"])
    assert body.get("stream", False) is stream
    assert body["tools"] == [{"name": "weather_report", "description": "Respond with JSON matching this schema.",
                              "input_schema": SCHEMA}]
    assert body["tool_choice"] == {"type": "tool", "name": "weather_report"}
    assert "response_format" not in body


RESPONSE_FORMAT = {"type": "json_schema", "json_schema": {"name": "weather_report", "strict": True, "schema": SCHEMA}}


def test_structured_output_to_an_anthropic_model(router, anthropic_mock):
    script_structured_answer(anthropic_mock)
    completion = client(router).chat.completions.create(
        model="claude-sonnet-4-5", response_format=RESPONSE_FORMAT,
        messages=[{"role": "user", "content": "weather in Paris as JSON"}])
    choice = completion.choices[0]
    assert json.loads(choice.message.content) == ANSWER
    assert not choice.message.tool_calls
    assert choice.finish_reason == "stop"
    assert_forced_schema_tool(anthropic_mock, stream=False)


def test_structured_output_streamed_from_an_anthropic_model(router, anthropic_mock):
    script_structured_answer(anthropic_mock)
    stream = client(router).chat.completions.create(
        model="claude-sonnet-4-5", response_format=RESPONSE_FORMAT, stream=True,
        messages=[{"role": "user", "content": "weather in Paris as JSON"}])
    content = ""
    finishes = []
    for chunk in stream:
        for choice in chunk.choices:
            assert not choice.delta.tool_calls
            content += choice.delta.content or ""
            if choice.finish_reason:
                finishes.append(choice.finish_reason)
    assert json.loads(content) == ANSWER
    assert finishes == ["stop"]
    assert_forced_schema_tool(anthropic_mock, stream=True)


def test_gzip_body_and_duplicate_key(router, openai_mock):
    body = json.dumps({"model": "gpt-4o", "messages": [{"role": "user", "content": "compressed hello"}]}).encode()
    request = urllib.request.Request(router.url + "/v1/chat/completions", data=gzip.compress(body), method="POST", headers={
        "authorization": f"Bearer {CLIENT_KEY}", "content-type": "application/json", "content-encoding": "gzip"})
    with urllib.request.urlopen(request, timeout=30) as response:
        assert response.status == 200
        assert json.loads(response.read())["choices"][0]["message"]["content"] == "mock reply: compressed hello"
    assert "compressed hello" in last_request(openai_mock, "/chat/completions")["body"]

    # The SDK cannot repeat a key (extra_body replaces it), so the duplicate is sent by hand.
    raw = b'{"model":"gpt-4o","messages":[{"role":"user","content":"x"}],"model":"claude-sonnet-4-5"}'
    request = urllib.request.Request(router.url + "/v1/chat/completions", data=raw, method="POST", headers={
        "authorization": f"Bearer {CLIENT_KEY}", "content-type": "application/json"})
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(request, timeout=30)
    assert refused.value.code == 400
    error = json.loads(refused.value.read())["error"]
    assert error["code"] == "duplicate_key" and "'model'" in error["message"]
