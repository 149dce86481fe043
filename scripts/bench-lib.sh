#!/usr/bin/env bash
# Shared pieces of the proxy benchmarks (bench-passthrough.sh, bench-soak.sh): tool install,
# the wrk script, one wrk run, CPU ticks and RSS from /proc, and an nginx reference hop.
# Sourced, not run.

# wrk, nginx-light (the reference proxy) and curl, installed once when missing.
bench_install_tools() {
    local missing=()
    command -v wrk >/dev/null || missing+=(wrk)
    command -v nginx >/dev/null || missing+=(nginx-light)
    command -v curl >/dev/null || missing+=(curl)
    command -v python3 >/dev/null || missing+=(python3)
    if [ "${#missing[@]}" -gt 0 ]; then
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
    fi
}

# The wrk script: POSTs the body in $BENCH_BODY (a file; several files separated by commas are
# sent in turn, each to the path in $BENCH_PATHS at the same position), with the client key in
# $BENCH_KEY when set; counts non-2xx answers so that a broken run cannot pass as a fast one.
bench_write_wrk_script() {
    cat > "$1" <<'LUA'
local bodies, paths = {}, {}
for name in string.gmatch(os.getenv("BENCH_BODY"), "[^,]+") do
  local file = assert(io.open(name, "rb"))
  bodies[#bodies + 1] = file:read("*a")
  file:close()
end
local given = os.getenv("BENCH_PATHS") or ""
for path in string.gmatch(given, "[^,]+") do paths[#paths + 1] = path end
wrk.method = "POST"
wrk.body = bodies[1]
wrk.headers["content-type"] = "application/json"
wrk.headers["anthropic-version"] = "2023-06-01"
local key = os.getenv("BENCH_KEY")
if key and key ~= "" then
  wrk.headers["x-api-key"] = key
  wrk.headers["authorization"] = "Bearer " .. key
end
local turn = 0
if #paths > 0 then
  function request()
    turn = turn % #bodies + 1
    return wrk.format("POST", paths[turn], nil, bodies[turn])
  end
end
function done(summary, latency, requests)
  io.write(string.format("non2xx %d\n", summary.errors.status))
  io.write(string.format("total %d\n", summary.requests))
end
LUA
}

# One wrk run: url body key connections seconds; prints "rps p50_ms p99_ms non2xx requests".
bench_wrk() {
    local url="$1" body="$2" key="$3" conns="$4" secs="$5" out
    out="$(mktemp)"
    BENCH_BODY="$body" BENCH_KEY="$key" wrk -t"${threads:-2}" -c"$conns" -d"${secs}s" --latency -s "$work/post.lua" "$url" > "$out"
    python3 - "$out" <<'PY'
import re, sys
text = open(sys.argv[1]).read()
if "Latency Distribution" not in text:
    sys.exit("wrk failed:\n" + text)
def ms(value):
    number, unit = re.match(r"([\d.]+)(\w+)", value).groups()
    return float(number) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60000}[unit]
rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
p50 = ms(re.search(r"^\s+50%\s+(\S+)", text, re.M).group(1))
p99 = ms(re.search(r"^\s+99%\s+(\S+)", text, re.M).group(1))
non2xx = re.search(r"non2xx (\d+)", text).group(1)
total = re.search(r"total (\d+)", text).group(1)
print(f"{rps:.0f} {p50:.2f} {p99:.2f} {non2xx} {total}")
PY
    rm -f "$out"
}

# utime + stime of the given processes, in clock ticks.
bench_cpu_ticks() {
    local total=0 pid
    for pid in "$@"; do
        # Fields after the command name (which may hold spaces): utime and stime are 12 and 13.
        total=$(( total + $(sed 's/^.*) //' "/proc/$pid/stat" | awk '{print $12 + $13}') ))
    done
    echo "$total"
}

# VmRSS of the given processes, summed, in KB.
bench_rss_kb() {
    local total=0 pid
    for pid in "$@"; do total=$(( total + $(awk '/VmRSS/ {print $2}' "/proc/$pid/status") )); done
    echo "$total"
}

# nginx in front of the mocks on $2: /v1/messages to 18101, /v1/chat/completions to 18102,
# keep-alive upstream pools, no response buffering (SSE goes through as it comes, as the router
# relays it). Sets nginx_pid (the master); bench_nginx_pids lists master and workers.
bench_start_nginx() {
    local dir="$1" port="$2"
    mkdir -p "$dir/nginx/logs" "$dir/nginx/tmp"
    cat > "$dir/nginx/nginx.conf" <<NGINX
worker_processes 2;
daemon off;
pid $dir/nginx/nginx.pid;
error_log $dir/nginx/logs/error.log warn;
events { worker_connections 8192; }
http {
    access_log off;
    client_body_temp_path $dir/nginx/tmp/body;
    proxy_temp_path $dir/nginx/tmp/proxy;
    client_max_body_size 64m;
    client_body_buffer_size 1m;
    keepalive_requests 1000000;
    upstream anthropic { server 127.0.0.1:18101; keepalive 256; }
    upstream openai { server 127.0.0.1:18102; keepalive 256; }
    server {
        listen 127.0.0.1:$port;
        proxy_http_version 1.1;
        proxy_set_header Connection "";
        proxy_buffering off;
        location /v1/messages { proxy_pass http://anthropic; }
        location /v1/chat/completions { proxy_pass http://openai; }
    }
}
NGINX
    nginx -p "$dir/nginx" -c "$dir/nginx/nginx.conf" 2> "$dir/nginx/logs/start.log" &
    nginx_pid=$!
    for _ in $(seq 1 50); do [ -n "$(pgrep -P "$nginx_pid")" ] && break; sleep 0.1; done
}

bench_nginx_pids() {
    echo "$nginx_pid" $(pgrep -P "$nginx_pid")
}

# Checks, file limits and the wrk script, before a run: needs $bin, $fixtures and $work.
bench_prepare() {
    bench_install_tools
    [ -x "$bin/mock-provider" ] && [ -x "$bin/ClaudeRouterE2E" ] || { echo "build release first: $bin" >&2; exit 1; }
    [ -f "$fixtures/01-say-hi-turn1.json" ] || { echo "missing $fixtures/01-say-hi-turn1.json" >&2; exit 1; }
    ulimit -n 65536 2>/dev/null || true
    bench_write_wrk_script "$work/post.lua"
}

# The request bodies both benchmarks send, as $work/NAME.json: a small OpenAI chat
# (small-openai, stream-openai) and the real Claude Code request, same format (claude-*:
# cc-same, stream-cc-same) and translated (model `oai`: cc-translated, stream-cc-translated).
bench_write_bodies() {
    python3 - "$work" "$fixtures/01-say-hi-turn1.json" <<'PY'
import json, sys
work, capture = sys.argv[1], json.load(open(sys.argv[2]))
small = {"model": "gpt-4o", "messages": [{"role": "user", "content": "Say hi."}], "max_tokens": 16}
cc = capture["body"]
bodies = {
    "small-openai": small,
    "stream-openai": dict(small, stream=True),
    "cc-same": dict(cc, stream=False),
    "cc-translated": dict(cc, model="oai", stream=False),
    "stream-cc-same": dict(cc, stream=True),
    "stream-cc-translated": dict(cc, model="oai", stream=True),
}
for name, body in bodies.items():
    open(f"{work}/{name}.json", "w").write(json.dumps(body))
PY
}

# The two mocks of the E2E table (Anthropic on 18101, OpenAI on 18102) and the router on $1;
# sets mock_a_pid, mock_o_pid and router_pid; returns once all three listen (and nginx, when
# $2 names its port).
bench_start_servers() {
    local router_port="$1" nginx_port="${2:-}"
    "$bin/mock-provider" --host 127.0.0.1 --port 18101 --name bench-anthropic > "$work/mock-a.log" 2>&1 &
    mock_a_pid=$!
    "$bin/mock-provider" --host 127.0.0.1 --port 18102 --name bench-openai > "$work/mock-o.log" 2>&1 &
    mock_o_pid=$!
    MOCK_ANTHROPIC_KEY=bench-upstream-key MOCK_OPENAI_KEY=bench-upstream-key \
        "$bin/ClaudeRouterE2E" serve --host 127.0.0.1 --port "$router_port" --data-dir "$work/data" > "$work/router.log" 2>&1 &
    router_pid=$!
    if [ -n "$nginx_port" ]; then bench_start_nginx "$work" "$nginx_port"; fi
    for _ in $(seq 1 100); do
        grep -q "listening on" "$work/mock-a.log" && grep -q "listening on" "$work/mock-o.log" \
            && grep -q "listening on" "$work/router.log" && break
        sleep 0.1
    done
}

# Replaces both mocks' script with the steps in $1 (JSON).
bench_script_mocks() {
    local port
    for port in 18101 18102; do
        curl -s -X POST "http://127.0.0.1:$port/_mock/reset" -H 'content-type: application/json' -d '{}' > /dev/null
        curl -s -X POST "http://127.0.0.1:$port/_mock/script" -H 'content-type: application/json' -d "$1" > /dev/null
    done
}

# Every reply 250 characters of text; streamed, in 50 text deltas (plus each protocol's opening
# and closing events).
bench_script_fifty_deltas() {
    local text
    text="$(python3 -c 'print(("The quick brown fox jumps over the lazy dog. " * 6)[:250])')"
    bench_script_mocks "{\"steps\":[{\"sticky\":true,\"reply\":{\"text\":\"$text\"},\"stream\":{\"text_chunks\":50}}]}"
}
