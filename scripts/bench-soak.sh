#!/usr/bin/env bash
# Soak: the router's memory over a long mixed load. claude-router (ClaudeRouterE2E, release) in
# front of two mock-providers; wrk sends, in turn, a small OpenAI chat, the 54 KB Claude Code
# request (same format), an OpenAI stream and the Claude Code request streamed and translated
# to OpenAI (streams of 50 text deltas), in 10-second runs (fresh connections each run) until
# the total reaches the target. RSS is sampled after every run; then the router's RSS with
# 1,000 concurrent slow streams (20 deltas 50 ms apart) is sampled every half second.
#
# Prints: idle RSS, one row per sample (requests so far, RSS), whether the curve is flat after
# warm-up (the last sample within 10% of the first sample at or past 100,000 requests), and
# the peak RSS under 1,000 concurrent streams.
#
# Needs: release builds as for bench-passthrough.sh; installs wrk when missing.
# Usage: scripts/bench-soak.sh [total_requests] [connections]
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bin="${BENCH_BIN_DIR:-$root/.build-release/release}"
fixtures="${CLAUDE_CODE_FIXTURES:-$root/Tests/Fixtures/claude-code}"
target="${1:-1000000}"
connections="${2:-64}"
threads=2
router_port=18788
work="$(mktemp -d)"
cleanup() {
    kill ${mock_a_pid:-} ${mock_o_pid:-} ${router_pid:-} 2>/dev/null || true
    wait 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

source "$root/scripts/bench-lib.sh"
bench_prepare

bench_write_bodies
mix="$work/small-openai.json,$work/cc-same.json,$work/stream-openai.json,$work/stream-cc-translated.json"
paths="/v1/chat/completions,/v1/messages,/v1/chat/completions,/v1/messages"

bench_start_servers "$router_port"
bench_script_fifty_deltas

# Idle, after a short warm-up of every kind of request.
BENCH_PATHS="$paths" bench_wrk "http://127.0.0.1:$router_port/" "$mix" e2e-client-key 8 2 > /dev/null
sleep 1
echo "router RSS idle after warm-up: $(( $(bench_rss_kb "$router_pid") / 1024 )) MB"
echo
echo "| requests | RSS MB | non-2xx so far |"
echo "|---:|---:|---:|"
total=0
failures=0
samples="$work/samples"
: > "$samples"
while [ "$total" -lt "$target" ]; do
    read -r _ _ _ err count < <(BENCH_PATHS="$paths" bench_wrk "http://127.0.0.1:$router_port/" "$mix" e2e-client-key "$connections" 10)
    total=$(( total + count ))
    failures=$(( failures + err ))
    rss=$(bench_rss_kb "$router_pid")
    echo "$total $rss" >> "$samples"
    echo "| $total | $(( rss / 1024 )) | $failures |"
done
python3 - "$samples" <<'PY'
import sys
samples = [tuple(map(int, line.split())) for line in open(sys.argv[1])]
base = next(((n, rss) for n, rss in samples if n >= 100_000), samples[0])
last = samples[-1]
ratio = last[1] / base[1]
verdict = "flat" if ratio <= 1.10 else "GROWING"
print(f"\nafter warm-up: {base[1] // 1024} MB at {base[0]} requests, {last[1] // 1024} MB at {last[0]}: "
      f"{ratio:.2f}x ({verdict}; flat means at most 1.10x)")
PY

# 1,000 concurrent slow streams: 20 deltas 50 ms apart, so each lasts about a second.
bench_script_mocks '{"steps":[{"sticky":true,"stream":{"chunk_delay_ms":50,"text_chunks":20}}]}'
BENCH_BODY="$work/stream-openai.json" BENCH_KEY=e2e-client-key wrk -t"$threads" -c1000 -d15s -s "$work/post.lua" \
    "http://127.0.0.1:$router_port/v1/chat/completions" > "$work/slow.out" &
wrk_pid=$!
peak=0
for _ in $(seq 1 28); do
    sleep 0.5
    now=$(bench_rss_kb "$router_pid")
    [ "$now" -gt "$peak" ] && peak=$now
done
wait "$wrk_pid"
echo "1,000 concurrent streams: peak router RSS $(( peak / 1024 )) MB; streams/s $(awk '/Requests\/sec/ {print $2}' "$work/slow.out"), non-2xx $(awk '/^non2xx/ {print $2}' "$work/slow.out")"
sleep 2
echo "router RSS idle after the soak: $(( $(bench_rss_kb "$router_pid") / 1024 )) MB"
