#!/usr/bin/env bash
# The dashboard's Overview for 30 days over a 1,000,000-record usage log (issue 17): the time the
# router takes to answer `/ui/?range=30d` (the page, SVG charts included) and
# `/v1/admin/overview?range=30d` (its JSON), against the baseline of one `/v1/usage` query over
# the same 30 days measured in the same run. Reports the handler's own time (Server-Timing) and
# curl's time to the last byte on loopback. Numbers go to BENCHMARKS.md by hand.
#
#   swift build -c release --static-swift-stdlib --scratch-path .build-release --product ClaudeRouterE2E
#   swift build -c release --static-swift-stdlib --scratch-path .build-release --product UsageStress
#   scripts/bench-dashboard.sh            # RECORDS=1000000 DAYS=60 REPEATS=30 by default
set -euo pipefail
cd "$(dirname "$0")/.."
router=${ROUTER_E2E_BIN:-.build-release/release/ClaudeRouterE2E}
stress=${USAGE_STRESS_BIN:-.build-release/release/UsageStress}
records=${RECORDS:-1000000}
days=${DAYS:-60}
repeats=${REPEATS:-30}
key=e2e-client-key   # the admin client of tests-e2e/routes.yaml

data=$(mktemp -d /tmp/dashboard-bench.XXXXXX)
pid=
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$data"; }
trap cleanup EXIT

echo "writing $records records over $days days…"
"$stress" write --dir "$data/usage" --count "$records" --days "$days" --print-every "$records" >/dev/null
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
started=$(date +%s.%N)
MOCK_ANTHROPIC_KEY=unused MOCK_OPENAI_KEY=unused "$router" serve --port "$port" --data-dir "$data" >"$data/router.log" 2>&1 &
pid=$!
until grep -q "listening on" "$data/router.log"; do
    kill -0 "$pid" 2>/dev/null || { cat "$data/router.log"; exit 1; }
    sleep 0.1
done
echo "router up (log loaded) after $(python3 -c "print(round($(date +%s.%N) - $started, 1))") s"
base=http://127.0.0.1:$port
from=$(date -u -d '-30 days' +%Y-%m-%dT%H:%M:%SZ)

# One measurement: curl's total time and the Server-Timing duration, `repeats` times after a warm-up.
measure() {
    local url=$1 out=$data/times
    : >"$out"
    curl -s -o /dev/null -H "x-api-key: $key" "$url"
    for _ in $(seq "$repeats"); do
        curl -s -o /dev/null -D "$data/headers" -w '%{time_total} %{size_download}\n' -H "x-api-key: $key" "$url" >>"$out.curl"
        awk 'tolower($1) == "server-timing:" { split($2, parts, "dur="); print parts[2] + 0 }' "$data/headers" >>"$out"
    done
    python3 - "$out" "$out.curl" <<'PY'
import statistics, sys
server = [float(x) for x in open(sys.argv[1]) if x.strip()]
curl = [line.split() for line in open(sys.argv[2]) if line.strip()]
total = [float(t) * 1000 for t, _ in curl]
size = int(curl[-1][1])
def fmt(values):
    return f"{min(values):.1f} / {statistics.median(values):.1f} ms" if values else "—"
print(f"{fmt(server)}\t{fmt(total)}\t{statistics.median(total):.3f}\t{size}")
PY
    rm -f "$out.curl"
}

printf '%s\t%s\t%s\t%s\t%s\n' "request" "server time best/median" "curl total best/median" "median" "bytes"
baseline=$(measure "$base/v1/usage?from=$from&group_by=day")
printf 'baseline GET /v1/usage 30 days\t%s\n' "$baseline"
json=$(measure "$base/v1/admin/overview?range=30d")
printf 'GET /v1/admin/overview?range=30d\t%s\n' "$json"
page=$(measure "$base/ui/?range=30d")
printf 'GET /ui/?range=30d\t%s\n' "$page"
python3 - "$baseline" "$json" "$page" <<'PY'
import sys
base, json, page = (float(arg.split("\t")[2]) for arg in sys.argv[1:])
print(f"ratio to the /v1/usage baseline (curl median): JSON {json / base:.1f}x, page {page / base:.1f}x")
PY
echo "router RSS: $(awk '/VmRSS/ {print $2 / 1024 " MB"}' /proc/$pid/status)"
