"""The official `openai` SDK through the router to the OpenAI-protocol mock."""

from __future__ import annotations

import json

import openai
import pytest

from test_router_harness import (  # noqa: F401  (fixtures)
    CLIENT_KEY, OPENAI_KEY, header, last_request, mocks, openai_mock, router,
)


def client(router, key: str = CLIENT_KEY) -> openai.OpenAI:
    return openai.OpenAI(base_url=router.url + "/v1", api_key=key, max_retries=0, timeout=30)


def test_chat_completion(router, openai_mock):
    raw = client(router).chat.completions.with_raw_response.create(
        model="gpt-4o", messages=[{"role": "user", "content": "hello openai path"}],
        extra_body={"some_future_field": {"kept": True}},
    )
    completion = raw.parse()
    assert completion.choices[0].message.content == "mock reply: hello openai path"
    assert raw.headers["x-router-target"] == "mock-openai/gpt-mock-1"
    seen = last_request(openai_mock, "/chat/completions")
    assert seen["path"] == "/v1/chat/completions"
    body = json.loads(seen["body"])
    assert body["model"] == "gpt-mock-1"
    assert body["some_future_field"] == {"kept": True}
    assert header(seen, "authorization") == f"Bearer {OPENAI_KEY}"


def test_chat_completion_stream(router, openai_mock):
    stream = client(router).chat.completions.create(
        model="gpt-4o-mini", stream=True, messages=[{"role": "user", "content": "stream it back"}],
    )
    text = "".join(chunk.choices[0].delta.content or "" for chunk in stream if chunk.choices)
    assert text == "mock reply: stream it back"


def test_models_list_in_openai_shape(router):
    ids = [model.id for model in client(router).models.list()]
    assert "oai" in ids and "mock-openai/gpt-mock-1" in ids


def test_errors_in_openai_format(router, openai_mock):
    with pytest.raises(openai.AuthenticationError):
        client(router, key="nope").chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": "x"}])
    with pytest.raises(openai.NotFoundError) as unknown:
        client(router).chat.completions.create(model="llama-70b", messages=[{"role": "user", "content": "x"}])
    assert unknown.value.body["code"] == "model_not_found"

    openai_mock.script([{"sticky": True, "raw": {"status": 502, "content_type": "text/html", "body": "<html><h1>502 Bad Gateway</h1></html>"}}])
    with pytest.raises(openai.InternalServerError) as html:
        client(router).chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": "x"}])
    assert html.value.status_code == 502
    assert "502 Bad Gateway" in html.value.message


def test_stream_cut_midway_raises(router, openai_mock):
    openai_mock.script([{"stream": {"cut_after_events": 2}}])
    with pytest.raises(openai.APIError):
        stream = client(router).chat.completions.create(
            model="gpt-4o", stream=True, messages=[{"role": "user", "content": "this will be cut short"}])
        for _ in stream:
            pass
