#!/usr/bin/env bash
# Proxy overhead: the same wrk load against mock-provider directly, through nginx (Debian
# nginx-light, the reference hop) and through claude-router (the ClaudeRouterE2E binary, whose
# table routes claude-* to a mock on 127.0.0.1:18101, gpt-* to one on 127.0.0.1:18102, and the
# model `oai` from Anthropic clients to the OpenAI one, translated), in the same run.
#
# For each case: requests/s, p50/p99 latency, and the proxy's CPU per request (utime + stime from
# /proc/<pid>/stat, all nginx processes summed), the ratio router / nginx, and the proxy's RSS.
# Cases: a small OpenAI chat (same format), the real 54 KB Claude Code request same-format and
# translated to OpenAI, 50-chunk streams (OpenAI same format, Claude Code translated both ways).
#
# Needs: release builds (swift build -c release --static-swift-stdlib --scratch-path .build-release
# --product ClaudeRouterE2E, and --product mock-provider), python3; installs wrk and nginx-light
# when missing. The Claude Code capture comes from $CLAUDE_CODE_FIXTURES (default
# Tests/Fixtures/claude-code in the repository).
# Usage: scripts/bench-passthrough.sh [duration_seconds] [connections]
# Prints a markdown table; loopback only, bounded in time.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bin="${BENCH_BIN_DIR:-$root/.build-release/release}"
fixtures="${CLAUDE_CODE_FIXTURES:-$root/Tests/Fixtures/claude-code}"
duration="${1:-10}"
connections="${2:-64}"
threads=2
router_port=18787
nginx_port=18201
work="$(mktemp -d)"
cleanup() {
    kill ${mock_a_pid:-} ${mock_o_pid:-} ${router_pid:-} ${nginx_pid:-} 2>/dev/null || true
    wait 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

source "$root/scripts/bench-lib.sh"
bench_prepare

bench_write_bodies

bench_start_servers "$router_port" "$nginx_port"
bench_script_fifty_deltas

# Warm every path (connection pools, page cache) before measuring.
for target in "http://127.0.0.1:18101" "http://127.0.0.1:$nginx_port" "http://127.0.0.1:$router_port"; do
    bench_wrk "$target/v1/messages" "$work/cc-same.json" e2e-client-key 8 2 > /dev/null
    bench_wrk "$target/v1/chat/completions" "$work/small-openai.json" e2e-client-key 8 2 > /dev/null
done
idle_rss=$(bench_rss_kb "$router_pid")

echo "| case | path | req/s | p50 ms | p99 ms | non-2xx | proxy CPU ms/req | CPU ÷ nginx | proxy RSS MB |"
echo "|---|---|---:|---:|---:|---:|---:|---:|---:|"
for case in small-openai cc-same cc-translated stream-openai stream-cc-same stream-cc-translated; do
    case "$case" in
        small-openai|stream-openai) path=/v1/chat/completions; direct=18102 ;;
        *) path=/v1/messages; direct=18101 ;;
    esac
    read -r d_rps d_p50 d_p99 d_err d_n < <(bench_wrk "http://127.0.0.1:$direct$path" "$work/$case.json" "" "$connections" "$duration")
    n_before=$(bench_cpu_ticks $(bench_nginx_pids))
    read -r n_rps n_p50 n_p99 n_err n_n < <(bench_wrk "http://127.0.0.1:$nginx_port$path" "$work/$case.json" "" "$connections" "$duration")
    n_cpu=$(( $(bench_cpu_ticks $(bench_nginx_pids)) - n_before ))
    n_rss=$(bench_rss_kb $(bench_nginx_pids))
    r_before=$(bench_cpu_ticks "$router_pid")
    read -r r_rps r_p50 r_p99 r_err r_n < <(bench_wrk "http://127.0.0.1:$router_port$path" "$work/$case.json" e2e-client-key "$connections" "$duration")
    r_cpu=$(( $(bench_cpu_ticks "$router_pid") - r_before ))
    r_rss=$(bench_rss_kb "$router_pid")
    python3 - "$case" "$(getconf CLK_TCK)" "$d_rps $d_p50 $d_p99 $d_err" "$n_rps $n_p50 $n_p99 $n_err $n_n $n_cpu $n_rss" \
        "$r_rps $r_p50 $r_p99 $r_err $r_n $r_cpu $r_rss" <<'PY'
import sys
case, tick = sys.argv[1], 1000 / float(sys.argv[2])
d = sys.argv[3].split(); n = sys.argv[4].split(); r = sys.argv[5].split()
n_ms = int(n[5]) * tick / max(1, int(n[4])); r_ms = int(r[5]) * tick / max(1, int(r[4]))
print(f"| {case} | mock direct | {float(d[0]):.0f} | {d[1]} | {d[2]} | {d[3]} | | | |")
print(f"| {case} | nginx | {float(n[0]):.0f} | {n[1]} | {n[2]} | {n[3]} | {n_ms:.3f} | 1.0× | {int(n[6]) / 1024:.0f} |")
print(f"| {case} | router | {float(r[0]):.0f} | {r[1]} | {r[2]} | {r[3]} | {r_ms:.3f} | {r_ms / n_ms:.1f}× | {int(r[6]) / 1024:.0f} |")
PY
done
echo
echo "router RSS idle after warm-up: $((idle_rss / 1024)) MB; after the runs: $(( $(bench_rss_kb "$router_pid") / 1024 )) MB"
