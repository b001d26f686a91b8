#!/usr/bin/env bash
# The load generator checked against real browsers (docs/performance.md, "Load generator checked against real browsers"):
# the same chat scenario, alternately by the generator and by Chromium tabs (tools/ChatApp.TabProbe chat), each run on
# a freshly started published app with a database of its own, so no run inherits another's messages or warm JIT.
#   tools/capacity/chat-vs-browser.sh <published app folder> <rounds> [chat options...]
#   e.g. tools/capacity/chat-vs-browser.sh /tmp/lg-app 2 --tabs 100 --users 10 --senders 0.1 --rate 2 --duration 30 --warmup 10
# Results: one JSON per run in $OUT (default /tmp/chat-vs-browser), and a table at the end.
set -euo pipefail
app=$1; rounds=$2; shift 2
root=$(cd "$(dirname "$0")/../.." && pwd)
port=${PORT:-5201}
out=${OUT:-/tmp/chat-vs-browser}
mkdir -p "$out"
dotnet build "$root/ChatApp.LoadTest" -c Release -v q -nologo >/dev/null
dotnet build "$root/tools/ChatApp.TabProbe" -c Release -v q -nologo >/dev/null

start_app() {
  local data; data=$(mktemp -d /tmp/chat-vs-browser-app.XXXXXX)
  ASPNETCORE_ENVIRONMENT=Production ConnectionStrings__Default="Data Source=$data/chatapp.db" DataProtection__KeysPath="$data/keys" \
    RateLimits__Register__PermitLimit=100000 RateLimits__SignIn__PermitLimit=100000 Logging__LogLevel__Default=Warning \
    dotnet "$app/ChatApp.Web.dll" --urls "http://127.0.0.1:$port" >"$data/app.log" 2>&1 &
  app_pid=$!; app_data=$data
  for _ in $(seq 1 240); do
    curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/Account/Login" | grep -q 200 && return 0
    sleep 0.5
  done
  echo "the app did not start" >&2; return 1
}
stop_app() { kill "$app_pid"; wait "$app_pid" 2>/dev/null || true; rm -rf "$app_data"; }
trap 'stop_app 2>/dev/null || true' EXIT

for round in $(seq 1 "$rounds"); do
  for tool in generator browser; do
    start_app
    json="$out/$round-$tool.json"
    echo "== round $round: $tool (load average $(cut -d' ' -f1-3 /proc/loadavg)) ==" >&2
    if [ "$tool" = generator ]; then
      dotnet "$root/ChatApp.LoadTest/bin/Release/net10.0/ChatApp.LoadTest.dll" chat --url "http://127.0.0.1:$port" --json "$json" "$@" >&2 || true
    else
      dotnet "$root/tools/ChatApp.TabProbe/bin/Release/net10.0/ChatApp.TabProbe.dll" chat --url "http://127.0.0.1:$port" --json "$json" "$@" >&2 || true
    fi
    stop_app
  done
done

# Both tools' moments side by side: "frames" is the generator's (the WebSocket frame carrying the text goes out, the
# frame carrying it arrives); for Chromium also "dom" (Enter to the row in the DOM), frame-to-row and event-loop lag.
printf '%-5s %-9s %-6s %8s %8s %8s %8s %8s %9s\n' round tool clock count p50 p90 p99 max missing
row() { # file round tool label latency-name
  jq -r --arg r "$2" --arg t "$3" --arg c "$4" --arg n "$5" '.latencies[$n] as $l | select($l != null) |
    [$r, $t, $c, $l.count, $l.p50Ms, $l.p90Ms, $l.p99Ms, $l.maxMs, (.figures.deliveries_missing // 0)] | @tsv' "$1" |
    awk -F'\t' '{ printf "%-5s %-9s %-6s %8d %8.0f %8.0f %8.0f %8.0f %9d\n", $1, $2, $3, $4, $5, $6, $7, $8, $9 }'
}
for round in $(seq 1 "$rounds"); do
  for tool in generator browser; do
    f="$out/$round-$tool.json"
    [ -f "$f" ] || { echo "$round $tool: no result"; continue; }
    if [ "$tool" = generator ]; then
      row "$f" "$round" "$tool" frames message_to_every_other_tab
    else
      row "$f" "$round" "$tool" frames frame_to_every_other_tab
      row "$f" "$round" "$tool" dom message_to_every_other_tab
      row "$f" "$round" "$tool" apply frame_arrival_to_row
      row "$f" "$round" "$tool" lag page_event_loop_lag
    fi
  done
done
