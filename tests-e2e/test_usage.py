"""End-to-end tests of the usage log, `/v1/usage`, `claude-router usage`, client rate limits and
`/metrics` (issue 7), against the router process and mock providers.

Each test gets its own router process (own data directory), so counts start at zero.
"""

from __future__ import annotations

import concurrent.futures
import glob
import json
import os
import signal
import subprocess
import time
import urllib.error
import urllib.request
from typing import Iterator, Optional

import anthropic
import openai
import pytest

from test_router_harness import ANTHROPIC_KEY, CLIENT_KEY, RouterProcess, mocks, router_binary, router_env  # noqa: F401  (fixture)

LIMITED_KEY = "e2e-limited-key"     # rpm 30, max_concurrent 2 (tests-e2e/routes.yaml)
THRIFTY_KEY = "e2e-thrifty-key"     # tpm 100

FIELDS = {"v", "ts", "request_id", "client", "inbound", "model_requested", "route", "target", "attempts",
          "status", "error", "stream", "input_tokens", "output_tokens", "cache_read_tokens",
          "cache_write_tokens", "reasoning_tokens", "cost_usd", "ttft_ms", "duration_ms", "bytes_out"}


@pytest.fixture
def fresh_router(mocks) -> Iterator[RouterProcess]:
    for mock in mocks:
        mock.reset()
    process = RouterProcess(router_env())
    try:
        yield process
    finally:
        process.stop()


def anthropic_client(router: RouterProcess, key: str = CLIENT_KEY) -> anthropic.Anthropic:
    return anthropic.Anthropic(base_url=router.url, api_key=key, max_retries=0, timeout=60)


def openai_client(router: RouterProcess, key: str = CLIENT_KEY) -> openai.OpenAI:
    return openai.OpenAI(base_url=router.url + "/v1", api_key=key, max_retries=0, timeout=60)


def raw_post(router: RouterProcess, path: str, body: bytes, key: str = CLIENT_KEY) -> int:
    request = urllib.request.Request(router.url + path, data=body, method="POST",
                                     headers={"x-api-key": key, "content-type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            response.read()
            return response.status
    except urllib.error.HTTPError as error:
        error.read()
        return error.code


def get_json(router: RouterProcess, path: str, key: str = CLIENT_KEY) -> dict:
    request = urllib.request.Request(router.url + path, headers={"x-api-key": key})
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.loads(response.read())


def usage_lines(router: RouterProcess) -> list[str]:
    lines: list[str] = []
    for path in sorted(glob.glob(os.path.join(router.data_dir, "usage", "usage-*.jsonl"))):
        with open(path, "rb") as file:
            lines += [line.decode() for line in file.read().split(b"\n") if line]
    return lines


def wait_for_lines(router: RouterProcess, count: int, timeout: float = 20.0) -> list[dict]:
    """The usage records once `count` are on disk (the writer fsyncs in groups of ≤100 ms)."""
    deadline = time.monotonic() + timeout
    lines = usage_lines(router)
    while len(lines) < count and time.monotonic() < deadline:
        time.sleep(0.05)
        lines = usage_lines(router)
    assert len(lines) == count, f"{len(lines)} usage lines, expected {count}"
    return [json.loads(line) for line in lines]


def test_every_request_is_one_line_and_v1_usage_equals_a_recount(fresh_router, mocks):
    anthropic_mock, openai_mock = mocks
    anthropic_mock.script([{"sticky": True, "match": {"contains": "priced"},
                            "reply": {"text": "ok", "usage": {"input_tokens": 11, "output_tokens": 5, "cache_read_input_tokens": 3}}}])
    client = anthropic_client(fresh_router)
    for _ in range(6):
        client.messages.create(model="claude-opus-5-5", max_tokens=16, messages=[{"role": "user", "content": "priced"}])
    for _ in range(3):
        with client.messages.stream(model="anthro", max_tokens=16, messages=[{"role": "user", "content": "priced"}]) as stream:
            stream.until_done()
    for _ in range(4):
        openai_client(fresh_router).chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": "hi"}])
    bad = [raw_post(fresh_router, "/v1/messages", b'{"model": "claude-x", "max_tokens": ') for _ in range(2)]
    unknown = [raw_post(fresh_router, "/v1/messages", b'{"model":"llama-9","max_tokens":5,"messages":[]}') for _ in range(2)]
    assert bad == [400, 400] and unknown == [404, 404]

    records = wait_for_lines(fresh_router, 17)
    for record in records:
        assert FIELDS <= set(record), sorted(FIELDS - set(record))
        assert record["v"] == 2
    assert len({record["request_id"] for record in records}) == 17
    priced = [r for r in records if r["model_requested"] in ("claude-opus-5-5", "anthro")]
    assert all(r["input_tokens"] == 11 and r["output_tokens"] == 5 and r["cache_read_tokens"] == 3 for r in priced), priced
    assert [r["stream"] for r in priced].count(True) == 3
    assert {r["route"] for r in priced} == {"anthro"}
    assert all(r["target"] == "mock-anthropic/claude-mock-1" and r["attempts"] == [{"target": "mock-anthropic/claude-mock-1", "status": 200}]
               for r in priced)
    errors = [r for r in records if r["status"] >= 400]
    assert sorted(r["error"] for r in errors) == ["invalid_json", "invalid_json", "model_not_found", "model_not_found"]
    assert all(r["client"] == "e2e" and r["inbound"] in ("anthropic", "openai") for r in records)
    assert all(r["ttft_ms"] is not None for r in priced if r["stream"])

    report = get_json(fresh_router, "/v1/usage?group_by=model")
    totals = report["totals"]
    assert totals["requests"] == len(records)
    assert totals["errors"] == len(errors)
    for kind in ("input_tokens", "output_tokens", "cache_read_tokens", "cache_write_tokens"):
        assert totals[kind] == sum(r[kind] or 0 for r in records), kind
    by_model = {group["key"]: group["requests"] for group in report["groups"]}
    assert by_model["claude-opus-5-5"] == 6 and by_model["anthro"] == 3 and by_model["gpt-4o"] == 4

    table = subprocess.run([str(router_binary()), "usage", "--data-dir", fresh_router.data_dir, "--group-by", "target"],
                           capture_output=True, text=True, timeout=60)
    assert table.returncode == 0, table.stderr
    assert "mock-anthropic/claude-mock-1" in table.stdout and "mock-openai/gpt-mock-1" in table.stdout, table.stdout


def test_openai_streams_are_counted_even_when_the_client_did_not_ask_for_usage(fresh_router, mocks):
    mocks[1].script([{"sticky": True, "reply": {"text": "counted", "usage": {"input_tokens": 21, "output_tokens": 4}}}])
    chunks = list(openai_client(fresh_router).chat.completions.create(
        model="gpt-4o", stream=True, messages=[{"role": "user", "content": "count me"}]))
    assert "".join(c.choices[0].delta.content or "" for c in chunks if c.choices) == "counted"
    assert all(c.choices for c in chunks), "the client did not ask for the usage-only chunk, so it gets none"
    sent = json.loads([r for r in mocks[1].requests() if r["path"].endswith("/chat/completions")][-1]["body"])
    assert sent["stream_options"] == {"include_usage": True}, "the router asked the upstream for usage"
    [record] = wait_for_lines(fresh_router, 1)
    assert record["stream"] is True and record["input_tokens"] == 21 and record["output_tokens"] == 4, record


def test_a_thousand_concurrent_requests_write_a_thousand_whole_lines(fresh_router):
    body = json.dumps({"model": "anthro", "max_tokens": 8, "messages": [{"role": "user", "content": "concurrent"}]}).encode()
    with concurrent.futures.ThreadPoolExecutor(max_workers=64) as pool:
        statuses = list(pool.map(lambda _: raw_post(fresh_router, "/v1/messages", body), range(1000)))
    assert statuses.count(200) == 1000
    records = wait_for_lines(fresh_router, 1000)  # json.loads of each line: no interleaved bytes
    assert len({r["request_id"] for r in records}) == 1000


def test_sigterm_drains_the_usage_queue(mocks):
    router = RouterProcess(router_env())
    body = json.dumps({"model": "anthro", "max_tokens": 8, "messages": [{"role": "user", "content": "drain"}]}).encode()
    with concurrent.futures.ThreadPoolExecutor(max_workers=32) as pool:
        statuses = list(pool.map(lambda _: raw_post(router, "/v1/messages", body), range(300)))
    router.process.send_signal(signal.SIGTERM)
    assert router.process.wait(timeout=60) == 0, router.output()
    assert len(usage_lines(router)) == statuses.count(200) == 300


def test_sigkill_under_load_loses_at_most_the_last_fsync_group(mocks):
    router = RouterProcess(router_env())
    body = json.dumps({"model": "anthro", "max_tokens": 8, "messages": [{"role": "user", "content": "crash"}]}).encode()
    completed: list[tuple[float, str]] = []  # (when the client had the whole response, request id)
    stop = time.monotonic() + 1.5

    def load() -> None:
        while time.monotonic() < stop:
            request = urllib.request.Request(router.url + "/v1/messages", data=body, method="POST",
                                             headers={"x-api-key": CLIENT_KEY, "content-type": "application/json"})
            try:
                with urllib.request.urlopen(request, timeout=10) as response:
                    response.read()
                    completed.append((time.monotonic(), response.headers["request-id"]))
            except (urllib.error.URLError, ConnectionError, OSError):
                return

    with concurrent.futures.ThreadPoolExecutor(max_workers=8) as pool:
        workers = [pool.submit(load) for _ in range(8)]
        time.sleep(1.0)
        killed_at = time.monotonic()
        router.process.kill()
        router.process.wait(timeout=30)
        for worker in workers:
            worker.result()

    restarted = RouterProcess(router_env(), data_dir=router.data_dir)  # recovery sets a torn tail aside
    try:
        on_disk = {json.loads(line)["request_id"] for line in usage_lines(restarted)}  # every line parses
    finally:
        restarted.stop()
    before = [request_id for at, request_id in completed if at <= killed_at]
    lost = [request_id for request_id in before if request_id not in on_disk]
    # At risk: the group not yet fsynced, at most ~100 ms of records; allow scheduling slack.
    at_risk = [request_id for at, request_id in completed if killed_at - 0.3 < at <= killed_at]
    print(f"SIGKILL: {len(before)} responses completed, {len(on_disk)} records on disk, {len(lost)} lost, {len(at_risk)} in the last 300 ms")
    assert len(before) > 50
    assert set(lost) <= set(at_risk), (len(lost), len(at_risk))


def test_requests_per_minute_answers_429_with_retry_after_then_recovers(fresh_router):
    client = anthropic_client(fresh_router, key=LIMITED_KEY)
    for _ in range(30):
        client.messages.create(model="anthro", max_tokens=8, messages=[{"role": "user", "content": "hi"}])
    with pytest.raises(anthropic.RateLimitError) as limited:
        client.messages.create(model="anthro", max_tokens=8, messages=[{"role": "user", "content": "hi"}])
    retry_after = int(limited.value.response.headers["retry-after"])
    assert 1 <= retry_after <= 2, retry_after  # 30 per minute refills one every 2 s
    assert "30 requests per minute" in str(limited.value)
    with pytest.raises(openai.RateLimitError) as limited_openai:
        openai_client(fresh_router, key=LIMITED_KEY).chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": "x"}])
    assert limited_openai.value.body["code"] == "requests_per_minute"

    time.sleep(retry_after)
    assert client.messages.create(model="anthro", max_tokens=8, messages=[{"role": "user", "content": "hi"}]).content
    rejected = [r for r in wait_for_lines(fresh_router, 33) if r["status"] == 429]
    assert len(rejected) == 2 and all(r["client"] == "limited" and r["error"] == "requests_per_minute" for r in rejected)


def test_concurrent_requests_are_capped_per_client(fresh_router, mocks):
    mocks[0].script([{"sticky": True, "delay_ms": 700}])
    body = json.dumps({"model": "anthro", "max_tokens": 8, "messages": [{"role": "user", "content": "slow"}]}).encode()
    with concurrent.futures.ThreadPoolExecutor(max_workers=3) as pool:
        statuses = sorted(pool.map(lambda _: raw_post(fresh_router, "/v1/messages", body, key=LIMITED_KEY), range(3)))
    assert statuses == [200, 200, 429], statuses
    assert raw_post(fresh_router, "/v1/messages", body, key=LIMITED_KEY) == 200, "the slots are free again"


def test_tokens_per_minute_are_charged_from_usage(fresh_router, mocks):
    mocks[0].script([{"sticky": True, "reply": {"text": "costly", "usage": {"input_tokens": 70, "output_tokens": 50}}}])
    client = anthropic_client(fresh_router, key=THRIFTY_KEY)
    first = client.messages.create(model="anthro", max_tokens=8, messages=[{"role": "user", "content": "hi"}])
    assert first.usage.input_tokens == 70
    # 120 tokens charged against 100 per minute: the next request waits until the debt is paid.
    with pytest.raises(anthropic.RateLimitError) as limited:
        client.messages.create(model="anthro", max_tokens=8, messages=[{"role": "user", "content": "hi"}])
    assert "100 tokens per minute" in str(limited.value)
    assert int(limited.value.response.headers["retry-after"]) >= 1


def test_metrics_count_requests_attempts_and_tokens(fresh_router, mocks):
    mocks[0].script([{"sticky": True, "reply": {"text": "m", "usage": {"input_tokens": 9, "output_tokens": 4}}}])
    for _ in range(3):
        anthropic_client(fresh_router).messages.create(model="anthro", max_tokens=8, messages=[{"role": "user", "content": "hi"}])
    with urllib.request.urlopen(fresh_router.url + "/metrics", timeout=30) as response:
        assert response.headers["content-type"].startswith("text/plain")
        text = response.read().decode()
    samples = {line.rsplit(" ", 1)[0]: float(line.rsplit(" ", 1)[1]) for line in text.splitlines() if line and not line.startswith("#")}

    def value(name: str, **labels: str) -> Optional[float]:
        for key, number in samples.items():
            if key.startswith(name + "{") and all(f'{k}="{v}"' in key for k, v in labels.items()):
                return number
        return None

    target = "mock-anthropic/claude-mock-1"
    assert value("claude_router_requests_total", route="anthro", target=target, status="200") == 3, text
    assert value("claude_router_upstream_attempts_total", target=target, status="200") == 3
    assert value("claude_router_tokens_total", target=target, kind="input") == 27
    assert value("claude_router_tokens_total", target=target, kind="output") == 12
    assert any(key.startswith("claude_router_request_duration_seconds_bucket") for key in samples)
    assert "claude_router_usage_queue_depth" in text
    assert CLIENT_KEY not in text and ANTHROPIC_KEY not in text
