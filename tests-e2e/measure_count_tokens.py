"""Measures how far the router's local count_tokens answer is from what the target then reports,
over a sequence of Claude Code requests (the captures in Tests/Fixtures/claude-code), before and
as the per-target calibration learns. Not a test; prints a markdown table for BENCHMARKS.md.

The upstream is the OpenAI mock; what it "bills" is simulated: a tokenizer denser than the
router's four-bytes rule (BYTES_PER_TOKEN bytes of JSON per token, images at 1,600), so the
numbers show the calibration, not any real provider's tokenizer.

    python tests-e2e/measure_count_tokens.py   (with the binaries built, ports 18101/18102 free)
"""

from __future__ import annotations

import json
import re
import urllib.request
from pathlib import Path

from mock_provider import MockProvider
from test_router_harness import ANTHROPIC_KEY, CLIENT_KEY, OPENAI_KEY, RouterProcess, router_env

BYTES_PER_TOKEN = 3.1
ROUNDS = 4
FIXTURES = sorted((Path(__file__).resolve().parent.parent / "Tests" / "Fixtures" / "claude-code").glob("*.json"))


def post(url: str, body: dict) -> dict:
    request = urllib.request.Request(url, data=json.dumps(body, separators=(",", ":")).encode(), method="POST",
                                     headers={"content-type": "application/json", "x-api-key": CLIENT_KEY})
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.loads(response.read())


def billed(body: dict) -> int:
    text = json.dumps(body, separators=(",", ":"))
    images = re.findall(r'"data":"([A-Za-z0-9+/=]{64,})"', text)
    return round((len(text.encode()) - sum(map(len, images))) / BYTES_PER_TOKEN) + 1600 * len(images)


def main() -> None:
    anthropic = MockProvider(name="a", require_key=ANTHROPIC_KEY, extra_args=["--port", "18101"]).start()
    openai = MockProvider(name="o", require_key=OPENAI_KEY, extra_args=["--port", "18102"]).start()
    router = RouterProcess(router_env())
    try:
        bodies = []
        for path in FIXTURES:
            body = json.loads(path.read_text())["body"]
            body = json.loads(body) if isinstance(body, str) else body
            body.update(model="oai", stream=False)
            bodies.append((path.stem, body))
        print("| request | n | reported | count_tokens | error |")
        print("|---|---:|---:|---:|---:|")
        n = 0
        errors: dict[int, list[float]] = {}
        for round_ in range(1, ROUNDS + 1):
            for name, body in bodies:
                n += 1
                truth = billed(body)
                counted = post(f"{router.url}/v1/messages/count_tokens",
                               {k: v for k, v in body.items() if k in ("model", "messages", "system", "tools", "thinking")})["input_tokens"]
                openai.script([{"reply": {"text": "ok", "usage": {"input_tokens": truth, "output_tokens": 1}}}])
                post(f"{router.url}/v1/messages", body)
                error = (counted - truth) / truth
                errors.setdefault(round_, []).append(abs(error))
                print(f"| `{name}` | {n} | {truth} | {counted} | {error:+.1%} |")
        for round_, values in errors.items():
            print(f"round {round_}: mean |error| {sum(values) / len(values):.1%}, max {max(values):.1%}")
    finally:
        router.stop()
        anthropic.stop()
        openai.stop()


if __name__ == "__main__":
    main()
