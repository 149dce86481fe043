"""Memory stays flat under load: 20,000 proxied requests over keep-alive connections must not
grow the router's resident memory by more than 20 MB once it is warm.

The requests mix what the relay does (same-format and translated, whole and streamed, both
inbound protocols). A relay that keeps anything per request after the request ended fails
this: the cancelled `Task.sleep` idle timers of the old relay kept ~0.8 KB per upstream read
until the idle timeout (20 s in tests-e2e/routes.yaml), and a close-future callback per request
for as long as the connection lived. The bound is memory, not time: the test never looks at
how fast the requests went.
"""

from __future__ import annotations

import http.client
import json
import threading

from test_router_harness import (  # noqa: F401  (fixtures)
    CLIENT_KEY, RouterProcess, mocks, router, router_env,
)

CONNECTIONS = 8
WARM_UP_REQUESTS = 4_000
MEASURED_REQUESTS = 20_000
MAX_GROWTH_KB = 20 * 1024


def _anthropic(model: str, stream: bool) -> tuple[str, bytes]:
    body = {"model": model, "max_tokens": 32, "stream": stream,
            "messages": [{"role": "user", "content": "memory test: four words here"}]}
    return "/v1/messages", json.dumps(body).encode()


def _openai(model: str, stream: bool) -> tuple[str, bytes]:
    body = {"model": model, "stream": stream,
            "messages": [{"role": "user", "content": "memory test: four words here"}]}
    return "/v1/chat/completions", json.dumps(body).encode()


# Same format and translated (model `oai` is an OpenAI upstream, `anthro` an Anthropic one),
# whole bodies and SSE streams.
REQUESTS = [
    _anthropic("claude-opus-5-5", False),
    _anthropic("claude-opus-5-5", True),
    _openai("gpt-4o", False),
    _openai("gpt-4o", True),
    _anthropic("oai", True),
    _openai("anthro", True),
    _anthropic("oai", False),
    _openai("anthro", False),
]


def _rss_kb(pid: int) -> int:
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    raise RuntimeError("no VmRSS")


def _send(port: int, count: int) -> list[str]:
    """`count` requests over CONNECTIONS keep-alive connections; returns any failures."""
    failures: list[str] = []
    lock = threading.Lock()

    def worker(index: int) -> None:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        headers = {"content-type": "application/json", "x-api-key": CLIENT_KEY,
                   "authorization": f"Bearer {CLIENT_KEY}", "anthropic-version": "2023-06-01"}
        for n in range(index, count, CONNECTIONS):
            path, body = REQUESTS[n % len(REQUESTS)]
            connection.request("POST", path, body=body, headers=headers)
            response = connection.getresponse()
            text = response.read()
            if response.status != 200 or b"error" in text[-200:]:
                with lock:
                    failures.append(f"{path} {response.status} {text[-200:]!r}")
        connection.close()

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(CONNECTIONS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return failures


def test_twenty_thousand_keep_alive_requests_do_not_grow_memory(mocks, router: RouterProcess) -> None:
    # Streams of ten text deltas 1 ms apart: every delta is an upstream read of its own, as
    # with a real model, so per-read costs (timers, tasks) show as they would in production.
    for mock in mocks:
        mock.reset()
        mock.script([{"sticky": True, "stream": {"chunk_delay_ms": 1, "text_chunks": 10}}])
    pid = router.process.pid
    before_warm_up = _rss_kb(pid)
    failures = _send(router.port, WARM_UP_REQUESTS)
    assert not failures, failures[:5]
    warm = _rss_kb(pid)
    failures = _send(router.port, MEASURED_REQUESTS)
    assert not failures, failures[:5]
    after = _rss_kb(pid)
    growth = after - warm
    report = (f"router RSS: {before_warm_up} KB at start, {warm} KB after {WARM_UP_REQUESTS} warm-up requests, "
              f"{after} KB after {MEASURED_REQUESTS} more ({growth:+} KB)")
    print(report)
    for mock in mocks:
        mock.reset()
    assert growth <= MAX_GROWTH_KB, report
