"""End-to-end tests of combos, fallback, key pools and cooldowns (issue 5), through the router
to mock-provider processes, with the official SDK and the real Claude Code CLI."""


from __future__ import annotations

import concurrent.futures
import json
import os
import subprocess
from collections import Counter
from typing import Iterator

import anthropic
import pytest

from mock_provider import MockProvider
from test_router_harness import ANTHROPIC_KEY, CLIENT_KEY, RouterProcess, header, router_env

B_KEYS = ("mock-b-key-one", "mock-b-key-two")


@pytest.fixture(scope="module")
def upstreams() -> Iterator[tuple[MockProvider, MockProvider]]:
    a = MockProvider(name="A", require_key=ANTHROPIC_KEY, extra_args=["--port", "18101", "--models", "claude-mock-1"]).start()
    b = MockProvider(name="B", extra_args=["--port", "18103", "--models", "claude-mock-2"]).start()
    try:
        yield a, b
    finally:
        a.stop()
        b.stop()


@pytest.fixture(scope="module")
def combo_router(upstreams) -> Iterator[RouterProcess]:
    process = RouterProcess(router_env(MOCK_B_KEY_1=B_KEYS[0], MOCK_B_KEY_2=B_KEYS[1]))
    try:
        yield process
    finally:
        process.stop()


@pytest.fixture
def a(upstreams) -> MockProvider:
    upstreams[0].reset()
    return upstreams[0]


@pytest.fixture
def b(upstreams) -> MockProvider:
    upstreams[1].reset()
    return upstreams[1]


def client(router: RouterProcess) -> anthropic.Anthropic:
    return anthropic.Anthropic(base_url=router.url, api_key=CLIENT_KEY, max_retries=0, timeout=60)


def ask(router: RouterProcess, model: str, text: str = "hello", stream: bool = False):
    raw = client(router).messages.with_raw_response.create(
        model=model, max_tokens=64, messages=[{"role": "user", "content": text}], stream=stream,
    )
    return raw


def test_overloaded_first_member_falls_back_to_the_next(combo_router, a, b):
    a.script([{"status": 529, "error": {"type": "overloaded_error", "message": "A is busy"}}])
    raw = ask(combo_router, "failover", "who answers?")
    message = raw.parse()
    assert message.content[0].text == "mock reply: who answers?"
    assert raw.headers["x-router-target"] == "mock-anthropic-b/claude-mock-2"
    assert raw.headers["x-router-attempts"] == "mock-anthropic/claude-mock-1:529,mock-anthropic-b/claude-mock-2:200"
    assert json.loads(b.requests()[-1]["body"])["model"] == "claude-mock-2"


@pytest.mark.parametrize("step", [
    {"status": 429, "error": {"type": "rate_limit_error", "message": "slow down"}},
    {"status": 500, "error": {"type": "api_error", "message": "boom"}},
    {"status": 503, "error": {"type": "overloaded_error", "message": "later"}},
    {"status": 408, "error": {"type": "timeout_error", "message": "timeout"}},
    {"status": 401, "error": {"type": "authentication_error", "message": "bad key"}},
    {"status": 403, "error": {"type": "permission_error", "message": "no"}},
    {"raw": {"status": 502, "content_type": "text/html", "body": "<html>bad gateway</html>"}},
    {"reset": True},
    {"stream": {"error_first": {"type": "overloaded_error", "message": "busy inside a 200"}}},
    {"status": 400, "error": {"type": "invalid_request_error", "message": "prompt is too long: 250000 tokens > 200000 maximum"}},
])
def test_each_failure_class_moves_to_the_next_attempt(combo_router, a, b, step):
    a.script([step])
    raw = ask(combo_router, "failover", "fall through", stream="stream" in step)
    if "stream" in step:
        events = list(raw.parse())
        assert any(getattr(event, "type", "") == "message_stop" for event in events)
    else:
        assert raw.parse().content[0].text == "mock reply: fall through"
    attempts = raw.headers["x-router-attempts"].split(",")
    assert attempts[-1] == "mock-anthropic-b/claude-mock-2:200"
    assert len(attempts) == 2


@pytest.mark.parametrize("status,error_type,message", [
    (400, "invalid_request_error", "max_tokens: must be positive"),
    (404, "not_found_error", "model not found"),
    (413, "request_too_large", "too big"),
    (422, "invalid_request_error", "unprocessable"),
])
def test_client_errors_are_returned_not_retried(combo_router, a, b, status, error_type, message):
    a.script([{"status": status, "error": {"type": error_type, "message": message}}])
    with pytest.raises(anthropic.APIStatusError) as raised:
        ask(combo_router, "failover")
    assert raised.value.status_code == status
    assert message in str(raised.value)
    assert raised.value.response.headers["x-router-attempts"] == f"mock-anthropic/claude-mock-1:{status}"
    assert b.requests() == []


def test_weights_hold(combo_router, a, b):
    for _ in range(400):
        ask(combo_router, "weighted").parse()
    counts = (len(a.requests()), len(b.requests()))
    assert abs(counts[0] / 400 - 0.75) <= 0.02, counts


def test_chinese_keyword_rule_and_system_reminder(combo_router, a, b):
    ask(combo_router, "ruled", "请深度思考这个问题").parse()
    assert len(b.requests()) == 1
    ask(combo_router, "ruled", "<system-reminder>ultrathink</system-reminder>just a question").parse()
    assert len(a.requests()) == 1 and len(b.requests()) == 1


def test_key_pool_rotates_and_a_rate_limited_key_cools_alone(combo_router, a, b):
    model = "mock-anthropic-b/claude-mock-2"
    for _ in range(4):
        ask(combo_router, model).parse()
    used = Counter(header(r, "x-api-key") for r in b.requests())
    assert used == Counter({B_KEYS[0]: 2, B_KEYS[1]: 2}), used

    b.reset()
    b.script([{"match": {"header": {"x-api-key": B_KEYS[0]}}, "sticky": True, "status": 429,
               "headers": {"retry-after": "30"}, "error": {"type": "rate_limit_error", "message": "key one is limited"}}])
    for _ in range(6):
        assert ask(combo_router, model).parse().content[0].text.startswith("mock reply")
    keys = [header(r, "x-api-key") for r in b.requests()]
    assert keys.count(B_KEYS[0]) == 1, f"the limited key is tried once, then cools down: {keys}"
    assert keys.count(B_KEYS[1]) == 6


def test_mid_stream_failure_ends_with_an_error_event(combo_router, a, b):
    a.script([{"stream": {"cut_after_events": 4, "text_chunks": 6}, "reply": {"text": "one two three four five six"}}])
    with pytest.raises(anthropic.APIError):
        events = list(ask(combo_router, "failover", stream=True).parse())
        assert events  # not reached: the SDK raises on the error event
    assert b.requests() == [], "after the first byte there is no fallback"


def test_fault_injection_under_load_loses_no_request(combo_router, a, b):
    failures = [
        {"status": 429, "error": {"type": "rate_limit_error", "message": "limited"}},
        {"status": 500, "error": {"type": "api_error", "message": "boom"}},
        {"reset": True},
    ]
    a.script([{"sticky": True, "random": {"seed": 7, "rate": 0.3, "failures": failures}}])

    def one(index: int) -> tuple[str, str]:
        raw = ask(combo_router, "failover", f"request {index}", stream=True)
        events = list(raw.parse())
        assert any(getattr(event, "type", "") == "message_stop" for event in events)
        return raw.headers["x-router-target"], raw.headers["x-router-attempts"]

    with concurrent.futures.ThreadPoolExecutor(max_workers=200) as pool:
        results = list(pool.map(one, range(200)))
    assert len(results) == 200
    failed_attempts = sum(1 for _, attempts in results for item in attempts.split(",") if not item.endswith(":200"))
    stats = a.stats()["by_status"]
    failures_at_a = sum(count for status, count in stats.items() if status != "200")
    assert failed_attempts == failures_at_a, (failed_attempts, stats)
    assert failures_at_a > 0


def test_claude_code_sees_the_second_member_when_the_first_is_overloaded(combo_router, a, b, tmp_path):
    import claude_agent_sdk
    from pathlib import Path

    cli = Path(claude_agent_sdk.__file__).parent / "_bundled" / "claude"
    a.script([{"sticky": True, "status": 529, "error": {"type": "overloaded_error", "message": "Overloaded"}}])
    b.script([{"sticky": True, "reply": {"text": "answer from the second member"}}])
    home = tmp_path / "home"
    home.mkdir()
    env = {
        "PATH": os.environ.get("PATH", ""), "HOME": str(home), "ANTHROPIC_BASE_URL": combo_router.url,
        "ANTHROPIC_API_KEY": CLIENT_KEY, "CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC": "1", "IS_SANDBOX": "1",
    }
    result = subprocess.run(
        [str(cli), "-p", "hello", "--output-format", "json", "--model", "failover"],
        capture_output=True, text=True, timeout=180, env=env, cwd=tmp_path, check=False,
    )
    assert result.returncode == 0, result.stderr + result.stdout
    assert json.loads(result.stdout)["result"] == "answer from the second member"
