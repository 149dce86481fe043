"""The official `anthropic` SDK through the router to the Anthropic-protocol mock."""

from __future__ import annotations

import json

import anthropic
import pytest

from test_router_harness import (  # noqa: F401  (fixtures)
    ANTHROPIC_KEY, CLIENT_KEY, anthropic_mock, header, last_request, mocks, router,
)


def client(router, key: str = CLIENT_KEY) -> anthropic.Anthropic:
    return anthropic.Anthropic(base_url=router.url, api_key=key, max_retries=0, timeout=30)


def test_create_message(router, anthropic_mock):
    response = client(router).messages.with_raw_response.create(
        model="claude-opus-5-5", max_tokens=128,
        messages=[{"role": "user", "content": "hello through the router"}],
        extra_body={"context_management": {"edits": [{"type": "clear_tool_uses_20250919"}]}},
        extra_headers={"anthropic-beta": "context-management-2025-06-27"},
    )
    message = response.parse()
    assert message.content[0].text == "mock reply: hello through the router"
    assert response.headers["x-router-target"] == "mock-anthropic/claude-mock-1"
    assert response.headers["x-router-attempts"] == "mock-anthropic/claude-mock-1:200"
    assert response.headers["request-id"].startswith("req_")

    seen = last_request(anthropic_mock, "/v1/messages")
    body = json.loads(seen["body"])
    assert body["model"] == "claude-mock-1"
    assert body["context_management"] == {"edits": [{"type": "clear_tool_uses_20250919"}]}
    assert header(seen, "x-api-key") == ANTHROPIC_KEY
    assert header(seen, "anthropic-beta") == "context-management-2025-06-27"
    assert CLIENT_KEY not in json.dumps(seen["headers"])


def test_stream_message(router, anthropic_mock):
    with client(router).messages.stream(
        model="claude-haiku-5-1", max_tokens=128,
        messages=[{"role": "user", "content": "stream me some words please"}],
    ) as stream:
        text = "".join(stream.text_stream)
        final = stream.get_final_message()
    assert text == "mock reply: stream me some words please"
    assert final.stop_reason == "end_turn"


def test_count_tokens_is_forwarded(router, anthropic_mock):
    counted = client(router).messages.count_tokens(
        model="claude-opus-5-5", messages=[{"role": "user", "content": "count these words"}],
    )
    assert counted.input_tokens > 0
    assert last_request(anthropic_mock, "/v1/messages/count_tokens")


def test_models_list_in_anthropic_shape(router):
    ids = [model.id for model in client(router).models.list()]
    assert ids[:2] == ["anthro", "oai"]
    assert "mock-anthropic/claude-mock-1" in ids


def test_errors_arrive_as_sdk_exceptions(router, anthropic_mock):
    with pytest.raises(anthropic.AuthenticationError):
        client(router, key="wrong-key").messages.create(
            model="claude-opus-5-5", max_tokens=8, messages=[{"role": "user", "content": "hi"}])
    with pytest.raises(anthropic.NotFoundError) as unknown:
        client(router).messages.create(model="llama-70b", max_tokens=8, messages=[{"role": "user", "content": "hi"}])
    assert "GET /v1/models" in str(unknown.value)

    anthropic_mock.script([{"status": 529, "sticky": True, "error": {"type": "overloaded_error", "message": "mock is busy"}}])
    with pytest.raises(anthropic.APIStatusError) as overloaded:
        client(router).messages.create(model="claude-opus-5-5", max_tokens=8, messages=[{"role": "user", "content": "hi"}])
    assert overloaded.value.status_code == 529
    assert "mock is busy" in str(overloaded.value)
    # The one target is retried (max_attempts 4, jittered backoff) before the client gets the 529.
    assert overloaded.value.response.headers["x-router-attempts"] == ",".join(["mock-anthropic/claude-mock-1:529"] * 4)


def test_stream_cut_midway_raises_instead_of_ending_cleanly(router, anthropic_mock):
    anthropic_mock.script([{"stream": {"cut_after_events": 4}}])
    with pytest.raises(anthropic.APIError):
        with client(router).messages.stream(
            model="claude-opus-5-5", max_tokens=128,
            messages=[{"role": "user", "content": "a long answer that will be cut"}],
        ) as stream:
            for _ in stream.text_stream:
                pass
    # The router is still serving.
    message = client(router).messages.create(
        model="claude-opus-5-5", max_tokens=8, messages=[{"role": "user", "content": "still there"}])
    assert message.content[0].text == "mock reply: still there"


def test_upstream_refusing_connection_is_a_502(router, anthropic_mock):
    anthropic_mock.script([{"reset": True, "sticky": True}])
    with pytest.raises(anthropic.APIStatusError) as failure:
        client(router).messages.create(model="claude-opus-5-5", max_tokens=8, messages=[{"role": "user", "content": "hi"}])
    assert failure.value.status_code == 502
