#!/bin/sh
# Load test of `kiln serve`: the hello handler (examples/http/hello.wasm, a fresh instance per request) against plain
# Kestrel answering the same bytes (PlainKestrel/, the physical limit on this machine). Needs wrk (apt-get install wrk).
#   bench/serve/run.sh [CONNECTIONS] [SECONDS]     (WARMUP=seconds, default 10: tiered JIT settles in about that)
set -eu
cd "$(dirname "$0")/../.."
CONNECTIONS=${1:-64}
SECONDS_=${2:-10}
WARMUP=${WARMUP:-10}
dotnet build -c Release src/Kiln.Cli -v q -nologo >/dev/null
dotnet build -c Release bench/serve/PlainKestrel -v q -nologo >/dev/null

measure() { # NAME PORT COMMAND...
    name=$1; port=$2; shift 2
    "$@" >/dev/null 2>&1 &
    pid=$!
    for _ in $(seq 50); do curl -sf "http://127.0.0.1:$port/hello" >/dev/null && break; sleep 0.2; done
    wrk -t2 -c"$CONNECTIONS" -d"${WARMUP}s" "http://127.0.0.1:$port/hello" >/dev/null   # warm-up: JIT tiering, pools
    echo "== $name ($CONNECTIONS connections, ${SECONDS_}s)"
    wrk -t2 -c"$CONNECTIONS" -d"${SECONDS_}s" --latency "http://127.0.0.1:$port/hello" | grep -E "Requests/sec|^ +(50|99)%|Non-2xx|Socket errors"
    kill "$pid"
    wait "$pid" 2>/dev/null || true
}

measure "plain Kestrel" 3901 bench/serve/PlainKestrel/bin/Release/net10.0/PlainKestrel --urls http://127.0.0.1:3901
measure "kiln serve hello.wasm" 3902 src/Kiln.Cli/bin/Release/net10.0/kiln serve examples/http/hello.wasm --listen 127.0.0.1:3902 --no-access-log
