#!/usr/bin/env bash
# Passthrough overhead: wrk against mock-provider directly vs through claude-router (the
# ClaudeRouterE2E binary, whose table routes claude-* to a mock on 127.0.0.1:18101), non-streaming
# and streaming, plus the router's RSS at idle and under 256 concurrent streams.
#
# Needs: a release build (swift build -c release --scratch-path .build-release), wrk, python3.
# Usage: scripts/bench-passthrough.sh [duration_seconds] [connections]
# Prints a markdown table; loopback only, bounded in time.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bin="${BENCH_BIN_DIR:-$root/.build-release/release}"
duration="${1:-15}"
connections="${2:-64}"
threads=2
router_port=18787
work="$(mktemp -d)"
trap 'kill ${mock_pid:-} ${router_pid:-} 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$work"' EXIT

for tool in wrk python3 curl; do command -v "$tool" >/dev/null || { echo "missing $tool" >&2; exit 1; }; done
[ -x "$bin/mock-provider" ] && [ -x "$bin/ClaudeRouterE2E" ] || { echo "build release first: $bin" >&2; exit 1; }

# The wrk script: POST the body in $BENCH_BODY, with x-api-key when $BENCH_KEY is set.
cat > "$work/post.lua" <<'LUA'
-- wrk script: POST the JSON body in $BENCH_BODY with the headers the router and mock expect.
-- Usage: BENCH_BODY=/path/body.json BENCH_KEY=key wrk -s post.lua URL
local file = assert(io.open(os.getenv("BENCH_BODY"), "rb"))
wrk.method = "POST"
wrk.body = file:read("*a")
file:close()
wrk.headers["content-type"] = "application/json"
wrk.headers["anthropic-version"] = "2023-06-01"
local key = os.getenv("BENCH_KEY")
if key and key ~= "" then wrk.headers["x-api-key"] = key end

-- Count non-2xx answers so a broken run cannot pass as a fast one.
local failures = 0
function response(status, headers, body)
  if status < 200 or status > 299 then failures = failures + 1 end
end

function done(summary, latency, requests)
  io.write(string.format("non2xx %d\n", summary.errors.status))
end
LUA

# Bodies: a real 54 KB Claude Code request (tools, system prompt), non-streaming and streaming.
python3 - "$work" "$root/Tests/Fixtures/claude-code/01-say-hi-turn1.json" <<'PY'
import json, sys
capture = json.load(open(sys.argv[2]))
body = capture["body"]
for name, stream in (("plain", False), ("stream", True)):
    body["stream"] = stream
    open(f"{sys.argv[1]}/{name}.json", "w").write(json.dumps(body))
PY

"$bin/mock-provider" --host 127.0.0.1 --port 18101 --name bench --models claude-mock-1 > "$work/mock.log" 2>&1 &
mock_pid=$!
MOCK_ANTHROPIC_KEY=bench-upstream-key MOCK_OPENAI_KEY=bench-upstream-key \
    "$bin/ClaudeRouterE2E" serve --host 127.0.0.1 --port "$router_port" --data-dir "$work/data" > "$work/router.log" 2>&1 &
router_pid=$!
for _ in $(seq 1 100); do
    grep -q "listening on" "$work/mock.log" && grep -q "listening on" "$work/router.log" && break
    sleep 0.1
done

rss_kb() { awk '/VmRSS/ {print $2}' "/proc/$1/status"; }

# One wrk run; prints "rps p50 p99 non2xx".
run() {
    local url="$1" body="$2" key="$3" conns="$4" secs="$5"
    BENCH_BODY="$body" BENCH_KEY="$key" wrk -t"$threads" -c"$conns" -d"${secs}s" --latency -s "$work/post.lua" "$url" > "$work/wrk.out"
    python3 - "$work/wrk.out" <<'PY'
import re, sys
text = open(sys.argv[1]).read()
if "Latency Distribution" not in text:
    sys.exit("wrk failed:\n" + text)
def ms(value):
    number, unit = re.match(r"([\d.]+)(\w+)", value).groups()
    return float(number) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60000}[unit]
rps = re.search(r"Requests/sec:\s+([\d.]+)", text).group(1)
p50 = ms(re.search(r"^\s+50%\s+(\S+)", text, re.M).group(1))
p99 = ms(re.search(r"^\s+99%\s+(\S+)", text, re.M).group(1))
non2xx = re.search(r"non2xx (\d+)", text).group(1)
print(f"{float(rps):.0f} {p50:.2f} {p99:.2f} {non2xx}")
PY
}

# Warm both paths (connection pools, page cache) before measuring.
run "http://127.0.0.1:18101/v1/messages" "$work/plain.json" "" 8 2 > /dev/null
run "http://127.0.0.1:$router_port/v1/messages" "$work/plain.json" e2e-client-key 8 2 > /dev/null
idle_rss=$(rss_kb "$router_pid")

echo "| mode | path | req/s | p50 ms | p99 ms | non-2xx |"
echo "|---|---|---:|---:|---:|---:|"
for mode in plain stream; do
    read -r d_rps d_p50 d_p99 d_err < <(run "http://127.0.0.1:18101/v1/messages" "$work/$mode.json" "" "$connections" "$duration")
    read -r r_rps r_p50 r_p99 r_err < <(run "http://127.0.0.1:$router_port/v1/messages" "$work/$mode.json" e2e-client-key "$connections" "$duration")
    echo "| $mode | mock direct | $d_rps | $d_p50 | $d_p99 | $d_err |"
    echo "| $mode | via router | $r_rps | $r_p50 | $r_p99 | $r_err |"
    python3 -c "print(f'| $mode | router/direct | {$r_rps/$d_rps:.2f}x req/s | +{$r_p50-$d_p50:.2f} | +{$r_p99-$d_p99:.2f} | |')"
done

# 256 concurrent slow streams (the mock paces 20 text deltas 50 ms apart), RSS sampled meanwhile.
curl -s -X POST "http://127.0.0.1:18101/_mock/script" -H 'content-type: application/json' \
    -d '{"steps":[{"sticky":true,"stream":{"chunk_delay_ms":50,"text_chunks":20}}]}' > /dev/null
BENCH_BODY="$work/stream.json" BENCH_KEY=e2e-client-key wrk -t"$threads" -c256 -d10s --latency -s "$work/post.lua" \
    "http://127.0.0.1:$router_port/v1/messages" > "$work/slow.out" &
wrk_pid=$!
peak=0
for _ in $(seq 1 18); do
    sleep 0.5
    now=$(rss_kb "$router_pid")
    [ "$now" -gt "$peak" ] && peak=$now
done
wait "$wrk_pid"
slow_rps=$(awk '/Requests\/sec/ {print $2}' "$work/slow.out")
slow_err=$(awk '/^non2xx/ {print $2}' "$work/slow.out")
echo
echo "router RSS idle: $((idle_rss / 1024)) MB; peak under 256 concurrent streams: $((peak / 1024)) MB (streams/s $slow_rps, non-2xx $slow_err)"
