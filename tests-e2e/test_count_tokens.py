"""count_tokens for a target without a counting endpoint (OpenAI protocol): the router's estimate,
never 0, calibrated by the input the target reports on real requests."""

from __future__ import annotations

import anthropic

from test_router_harness import CLIENT_KEY, mocks, openai_mock, router  # noqa: F401  (fixtures)

MESSAGES = [{"role": "user", "content": "count these words for the context meter " * 40}]


def client(router) -> anthropic.Anthropic:
    return anthropic.Anthropic(base_url=router.url, api_key=CLIENT_KEY, max_retries=0)


def test_estimate_follows_what_the_target_reports(router, openai_mock) -> None:
    before = client(router).messages.count_tokens(model="oai", messages=MESSAGES).input_tokens
    assert before > 0
    assert not [r for r in openai_mock.requests()], "count_tokens is never sent to an OpenAI-protocol upstream"

    # The target bills about 2.5 times the estimate for this request, every time.
    billed = int(before * 2.5)
    openai_mock.script([{"sticky": True, "reply": {"text": "ok", "usage": {"input_tokens": billed, "output_tokens": 1}}}])
    for _ in range(12):
        client(router).messages.create(model="oai", max_tokens=16, messages=MESSAGES)
    after = client(router).messages.count_tokens(model="oai", messages=MESSAGES).input_tokens
    assert abs(after - billed) <= billed * 0.05, (before, billed, after)

    # Another target has learnt nothing: still the plain estimate.
    other = client(router).messages.count_tokens(model="searcher", messages=MESSAGES).input_tokens
    assert abs(other - before) <= 2, (before, other)  # the longer model name adds a byte or so
