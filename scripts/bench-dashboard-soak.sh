#!/usr/bin/env bash
# The Requests page's live stream held open for $MINUTES minutes (default 10) while requests keep
# arriving (unknown-model requests: each one is a finished request with its record, summary and
# event, and needs no upstream): the router's RSS every 30 s, and the number of live subscribers
# after the streams close. Numbers go to BENCHMARKS.md by hand.
#
#   swift build -c release --static-swift-stdlib --scratch-path .build-release --product ClaudeRouterE2E
#   scripts/bench-dashboard-soak.sh
set -euo pipefail
cd "$(dirname "$0")/.."
router=${ROUTER_E2E_BIN:-.build-release/release/ClaudeRouterE2E}
minutes=${MINUTES:-10}
rate=${RATE:-100}
key=e2e-client-key   # the admin client of tests-e2e/routes.yaml

data=$(mktemp -d /tmp/dashboard-soak.XXXXXX)
pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; rm -rf "$data"; }
trap cleanup EXIT
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
MOCK_ANTHROPIC_KEY=unused MOCK_OPENAI_KEY=unused "$router" serve --port "$port" --data-dir "$data" >"$data/router.log" 2>&1 &
router_pid=$!
pids+=("$router_pid")
until grep -q "listening on" "$data/router.log"; do sleep 0.1; done
base=http://127.0.0.1:$port

# Two dashboards watching: one reads every event, one reads nothing (its buffer is bounded).
curl -sN -H "x-api-key: $key" "$base/v1/admin/requests/stream" >"$data/events" &
pids+=("$!")
python3 - "$base" "$key" <<'PY' &
import socket, sys, time
from urllib.parse import urlparse
url = urlparse(sys.argv[1])
sock = socket.create_connection((url.hostname, url.port))
sock.sendall(f"GET /v1/admin/requests/stream HTTP/1.1\r\nHost: {url.hostname}\r\nx-api-key: {sys.argv[2]}\r\n\r\n".encode())
time.sleep(10**6)   # never reads
PY
pids+=("$!")
sleep 1

rss() { awk '/VmRSS/ {print int($2 / 1024)}' "/proc/$router_pid/status"; }
echo "minute RSS_MB requests events"
python3 - "$base" "$rate" "$minutes" "$router_pid" "$data/events" <<'PY'
import http.client, sys, time
from urllib.parse import urlparse
base, rate, minutes, pid, events = sys.argv[1], float(sys.argv[2]), float(sys.argv[3]), sys.argv[4], sys.argv[5]
url = urlparse(base)
conn = http.client.HTTPConnection(url.hostname, url.port)
body = b'{"model":"no-such-model","max_tokens":8,"messages":[{"role":"user","content":"hi"}]}'
headers = {"x-api-key": "e2e-client-key", "content-type": "application/json", "anthropic-version": "2023-06-01"}
def rss():
    for line in open(f"/proc/{pid}/status"):
        if line.startswith("VmRSS"):
            return int(line.split()[1]) // 1024
start = time.monotonic()
sent = 0
next_report = 0.0
while True:
    elapsed = time.monotonic() - start
    if elapsed >= next_report:
        count = sum(1 for line in open(events) if line.startswith("event: request"))
        print(f"{elapsed / 60:5.1f} {rss():6d} {sent:8d} {count:8d}", flush=True)
        next_report += 30
    if elapsed >= minutes * 60:
        break
    conn.request("POST", "/v1/messages", body, headers)
    conn.getresponse().read()
    sent += 1
    delay = start + sent / rate - time.monotonic()
    if delay > 0:
        time.sleep(delay)
PY
for pid in "${pids[@]:1}"; do kill "$pid" 2>/dev/null || true; done
sleep 1
curl -s -H "x-api-key: $key" "$base/v1/admin/requests?limit=1" | python3 -c 'import json, sys; print("live subscribers after the streams closed:", json.load(sys.stdin)["stream_subscribers"])'
