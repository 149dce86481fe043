"""End-to-end tests of prices, `cost_usd` and client budgets (issue 16), against the router
process and the mock providers.

tests-e2e/routes.yaml prices claude-mock-1 like Claude Sonnet (3 / 15 / cache read 0.3 / cache
write 3.75 USD per million tokens) and gpt-mock-1 at 1.25 / 10 / 0.125; claude-mock-2 has no
price. The client `budgeted` has a daily budget of 0.0001 USD, which one request spends. The
router binary honours CLAUDE_ROUTER_E2E_CLOCK_FILE (an offset in milliseconds added to its clock)
so a test rolls the UTC day without waiting.
"""

from __future__ import annotations

import json
import os
import subprocess
import tempfile
import time
import urllib.request
from decimal import Decimal
from typing import Iterator

import anthropic
import openai
import pytest

from mock_provider import MockProvider
from test_router_harness import CLIENT_KEY, RouterProcess, mocks, router_binary, router_env  # noqa: F401  (fixture)
from test_usage import anthropic_client, get_json, openai_client, usage_lines, wait_for_lines

BUDGETED_KEY = "e2e-budgeted-key"
MICRO = Decimal("0.000001")

ANTHROPIC_USAGE = {"input_tokens": 11, "output_tokens": 5, "cache_read_input_tokens": 3, "cache_creation_input_tokens": 7}
# 11×3 + 5×15 + 3×0.3 + 7×3.75 = 135.15 micro-USD
ANTHROPIC_COST = Decimal("0.00013515")
OPENAI_USAGE = {"input_tokens": 21, "output_tokens": 4, "cache_read_input_tokens": 5}
# 21×1.25 + 4×10 + 5×0.125 = 66.875 micro-USD
OPENAI_COST = Decimal("0.000066875")


class Clock:
    """The router's simulated clock: an offset file it reads at every reading."""

    def __init__(self) -> None:
        handle, self.path = tempfile.mkstemp(prefix="router-clock-")
        os.close(handle)
        self.set_offset(0)

    def set_offset(self, milliseconds: int) -> None:
        with open(self.path, "w") as file:
            file.write(str(milliseconds))

    def roll_to_next_utc_day(self) -> None:
        """Moves the router's clock to one minute past the next UTC midnight (of its own time)."""
        with open(self.path) as file:
            offset = int(file.read().strip() or 0)
        now = int(time.time() * 1000) + offset
        next_midnight = (now // 86_400_000 + 1) * 86_400_000
        self.set_offset(next_midnight + 60_000 - int(time.time() * 1000))


@pytest.fixture
def clock() -> Iterator[Clock]:
    value = Clock()
    yield value
    os.unlink(value.path)


@pytest.fixture(scope="module")
def unpriced_mock() -> Iterator[MockProvider]:
    """mock-anthropic-b of the e2e table, whose claude-mock-2 has no price."""
    mock = MockProvider(name="B", extra_args=["--port", "18103", "--models", "claude-mock-2"]).start()
    try:
        yield mock
    finally:
        mock.stop()


def costs_env(clock: Clock) -> dict[str, str]:
    return router_env(CLAUDE_ROUTER_E2E_CLOCK_FILE=clock.path, MOCK_B_KEY_1="mock-b-key-one", MOCK_B_KEY_2="mock-b-key-two")


@pytest.fixture
def priced_router(mocks, unpriced_mock, clock) -> Iterator[RouterProcess]:
    for mock in (*mocks, unpriced_mock):
        mock.reset()
    mocks[0].script([{"sticky": True, "reply": {"text": "priced", "usage": ANTHROPIC_USAGE}}])
    mocks[1].script([{"sticky": True, "reply": {"text": "priced", "usage": OPENAI_USAGE}}])
    unpriced_mock.script([{"sticky": True, "reply": {"text": "free?", "usage": ANTHROPIC_USAGE}}])
    process = RouterProcess(costs_env(clock))
    try:
        yield process
    finally:
        process.stop()


def exact_lines(router: RouterProcess) -> list[dict]:
    """The usage lines with numbers read as exact decimals."""
    return [json.loads(line, parse_float=Decimal) for line in usage_lines(router)]


def exact_json(router: RouterProcess, path: str, key: str = CLIENT_KEY) -> dict:
    request = urllib.request.Request(router.url + path, headers={"x-api-key": key})
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.loads(response.read(), parse_float=Decimal)


def ask_anthropic(router: RouterProcess, key: str = CLIENT_KEY, model: str = "anthro", stream: bool = False) -> None:
    client = anthropic_client(router, key=key)
    messages = [{"role": "user", "content": "price me"}]
    if stream:
        with client.messages.stream(model=model, max_tokens=16, messages=messages) as events:
            events.until_done()
    else:
        client.messages.create(model=model, max_tokens=16, messages=messages)


def test_each_line_carries_the_exact_cost_of_its_tokens(priced_router):
    ask_anthropic(priced_router)
    ask_anthropic(priced_router, stream=True)
    openai_client(priced_router).chat.completions.create(model="oai", messages=[{"role": "user", "content": "price me"}])
    # An OpenAI caller on an Anthropic upstream: the translated usage is priced the same.
    openai_client(priced_router).chat.completions.create(model="anthro", messages=[{"role": "user", "content": "price me"}])
    # claude-mock-2 has no price: the line says null.
    ask_anthropic(priced_router, model="mock-anthropic-b/claude-mock-2")

    wait_for_lines(priced_router, 5)
    lines = exact_lines(priced_router)
    by_target: dict[str, list[dict]] = {}
    for line in lines:
        assert line["v"] == 2
        by_target.setdefault(line["target"], []).append(line)
    anthropic_lines = by_target["mock-anthropic/claude-mock-1"]
    assert [line["cost_usd"] for line in anthropic_lines] == [ANTHROPIC_COST] * 3, anthropic_lines
    assert all(line["cache_read_tokens"] == 3 and line["cache_write_tokens"] == 7 for line in anthropic_lines)
    assert [line["cost_usd"] for line in by_target["mock-openai/gpt-mock-1"]] == [OPENAI_COST]
    assert by_target["mock-openai/gpt-mock-1"][0]["cache_read_tokens"] == 5
    unpriced = by_target["mock-anthropic-b/claude-mock-2"]
    assert unpriced[0]["status"] == 200 and unpriced[0]["cost_usd"] is None


def test_usage_by_client_equals_a_recount_of_the_files_to_the_micro_dollar(priced_router):
    for _ in range(4):
        ask_anthropic(priced_router)
    for _ in range(3):
        openai_client(priced_router).chat.completions.create(model="oai", messages=[{"role": "user", "content": "price me"}])
    ask_anthropic(priced_router, key=BUDGETED_KEY)
    with pytest.raises(anthropic.RateLimitError):
        ask_anthropic(priced_router, key=BUDGETED_KEY)
    wait_for_lines(priced_router, 9)

    recount: dict[str, Decimal] = {}
    for line in exact_lines(priced_router):
        recount[line["client"]] = recount.get(line["client"], Decimal(0)) + (line["cost_usd"] or Decimal(0))
    assert recount["e2e"] == 4 * ANTHROPIC_COST + 3 * OPENAI_COST
    assert recount["budgeted"] == ANTHROPIC_COST

    today = time.strftime("%Y-%m-%d", time.gmtime())
    report = exact_json(priced_router, f"/v1/usage?group_by=client&from={today}")
    groups = {group["key"]: group for group in report["groups"]}
    for client, cost in recount.items():
        assert groups[client]["cost_usd"].quantize(MICRO) == cost.quantize(MICRO), (client, groups[client])
        assert groups[client]["cost_usd"] == cost, "exact, not only to the micro-dollar"
    assert report["totals"]["cost_usd"] == sum(recount.values())
    assert report["totals"]["unpriced_requests"] == 0

    table = subprocess.run([str(router_binary()), "usage", "--data-dir", priced_router.data_dir, "--group-by", "client"],
                           capture_output=True, text=True, timeout=60)
    assert table.returncode == 0, table.stderr
    assert "cost_usd" in table.stdout and format(sum(recount.values()).normalize(), "f") in table.stdout, table.stdout

    with urllib.request.urlopen(priced_router.url + "/metrics", timeout=30) as response:
        metrics = response.read().decode()
    cost_samples = [line for line in metrics.splitlines() if line.startswith("claude_router_cost_usd_total{")]
    e2e_sample = [line for line in cost_samples if 'client="e2e"' in line]
    assert e2e_sample, metrics
    metered = sum(Decimal(line.rsplit(" ", 1)[1]) for line in e2e_sample)
    assert abs(metered - recount["e2e"]) < Decimal("0.000000001"), (metered, recount["e2e"])


def test_a_spent_daily_budget_refuses_in_both_formats_until_the_utc_day_rolls_and_survives_a_restart(priced_router, mocks, clock):
    ask_anthropic(priced_router, key=BUDGETED_KEY)   # 0.00013515 of 0.0001: spent, but it was let in

    with pytest.raises(anthropic.RateLimitError) as refused:
        ask_anthropic(priced_router, key=BUDGETED_KEY)
    body = refused.value.response.json()
    assert body["type"] == "error" and body["error"]["type"] == "rate_limit_error"
    assert body["error"]["message"].startswith("budget_exceeded:"), body
    now = time.time()
    retry_after = int(refused.value.response.headers["retry-after"])
    assert abs(retry_after - (86_400 - now % 86_400)) <= 5, retry_after

    with pytest.raises(openai.RateLimitError) as refused_openai:
        openai_client(priced_router, key=BUDGETED_KEY).chat.completions.create(
            model="oai", messages=[{"role": "user", "content": "price me"}])
    error = refused_openai.value.response.json()["error"]
    assert error["code"] == "budget_exceeded" and error["message"].startswith("budget_exceeded:"), error
    assert int(refused_openai.value.response.headers["retry-after"]) >= 1

    # Others are not affected.
    ask_anthropic(priced_router)

    # warn_at 0.5: the first request crossed half the daily budget, once (the monthly is far).
    assert priced_router.output().count("client budget nearly spent") == 1, priced_router.output()
    with urllib.request.urlopen(priced_router.url + "/metrics", timeout=30) as response:
        metrics = response.read().decode()
    assert 'claude_router_budget_warnings_total{client="budgeted",window="daily"} 1' in metrics, metrics

    clock.roll_to_next_utc_day()
    ask_anthropic(priced_router, key=BUDGETED_KEY)      # a new day: served, and spent again
    with pytest.raises(anthropic.RateLimitError) as refused_again:
        ask_anthropic(priced_router, key=BUDGETED_KEY)
    assert abs(int(refused_again.value.response.headers["retry-after"]) - (86_400 - 60)) <= 5

    lines = wait_for_lines(priced_router, 6)
    budgeted = [line for line in lines if line["client"] == "budgeted"]
    assert [line["status"] for line in budgeted] == [200, 429, 429, 200, 429], budgeted
    assert all(line["error"] == "budget_exceeded" for line in budgeted if line["status"] == 429)
    assert len({line["ts"][:10] for line in budgeted}) == 2, "the simulated clock stamps the lines"

    # A restart rebuilds the day's spend from the usage log: still refused.
    data_dir = priced_router.data_dir
    priced_router.stop()
    restarted = RouterProcess(costs_env(clock), data_dir=data_dir)
    try:
        with pytest.raises(anthropic.RateLimitError) as after_restart:
            ask_anthropic(restarted, key=BUDGETED_KEY)
        assert after_restart.value.response.json()["error"]["message"].startswith("budget_exceeded:")
        assert "0.00013515" in after_restart.value.response.json()["error"]["message"]
        clock.roll_to_next_utc_day()
        ask_anthropic(restarted, key=BUDGETED_KEY)
    finally:
        restarted.stop()
