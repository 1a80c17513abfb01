#!/usr/bin/env bash
# HTTP benchmark (not a test): p50/p99 latency of GET /api/v1/stacks and /actuator/prometheus next to
# /actuator/health/liveness as the baseline, measured together in one run with wrk on loopback while a
# reconcile (a real `pulumi up` of a fixture resource that takes minutes) is in flight. Also reports
# the time from process start to ready (readiness 200) and the idle RSS before the load.
#
#   bench/api-bench.sh
#   BENCH_RATE=100 BENCH_DURATION=30 bench/api-bench.sh     # requests/s per endpoint, seconds
set -euo pipefail
cd "$(dirname "$0")/.."
source .ci/app.sh

RATE="${BENCH_RATE:-100}"                 # per endpoint, requests per second (paced, see bench/paced.lua)
DURATION="${BENCH_DURATION:-30}"
CONNECTIONS="${BENCH_CONNECTIONS:-4}"
SLEEP=$(( DURATION + 120 ))               # the fixture's `up` outlasts the load

if ! command -v wrk >/dev/null; then
  echo "== installing wrk (Debian package)"
  apt-get install -y -q wrk >/dev/null 2>&1 || { apt-get update -q >/dev/null && apt-get install -y -q wrk >/dev/null; }
fi
export PULUMI_SKIP_UPDATE_CHECK=true PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION=true
PULUMI_BIN="$(.ci/install-pulumi.sh)"
export PATH="$PULUMI_BIN:$PATH"

echo "== compiling (main + test classes) and resolving the classpath"
./mvnw -B -q ${MVN_OFFLINE:--o} test-compile
./mvnw -B -q ${MVN_OFFLINE:--o} dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt >/dev/null

WORK="$(mktemp -d "${TMPDIR:-/tmp}/tap-bench.XXXXXX")"
cleanup() { stop_app; rm -rf "$WORK"; }
trap cleanup EXIT
PORT="$(free_port)"; MPORT="$(free_port)"; TOKEN="$(random_token)"
API="http://127.0.0.1:$PORT"; MGMT="http://127.0.0.1:$MPORT"

echo "== starting the service (stack 'bench', AUTO, fixture resource whose create takes ${SLEEP}s)"
TAP_API_TOKENS="bench:operator:$TOKEN" start_app "$WORK/app.log" \
  java -Xmx512m -Dtap.bench.sleep-seconds="$SLEEP" \
    -cp "target/classes:target/test-classes:$(cat target/bench-classpath.txt)" io.tap.reconciler.bench.ApiBenchApp \
    --server.address=127.0.0.1 --server.port="$PORT" \
    --management.server.address=127.0.0.1 --management.server.port="$MPORT" \
    --tap.data-dir="$WORK/data" \
    --tap.stacks[0].name=bench --tap.stacks[0].program=bench-sleep \
    --tap.stacks[0].backend-url="file://$WORK/data/state" \
    --tap.stacks[0].remediation=AUTO --tap.stacks[0].interval=1h \
    --tap.reconcile.enabled=false --tap.compliance.enabled=false \
    --tap.aws.endpoint=http://127.0.0.1:9 --tap.engine.plugin-acquisition=false
wait_http "$MGMT/actuator/health/readiness" 300 || { tail -40 "$WORK/app.log"; exit 1; }
READY_MS=$(( ($(date +%s%N) - APP_STARTED_NS) / 1000000 ))
sleep 10
RSS_IDLE_KB=$(awk '/VmRSS/ {print $2}' "/proc/$APP_PID/status")

echo "== triggering a reconcile"
RUN_ID=$(curl -sf -X POST -H "Authorization: Bearer $TOKEN" "$API/api/v1/stacks/bench/reconcile" \
  | python3 -c 'import json,sys; print(json.load(sys.stdin)["runId"])')
run_status() {
  curl -sf -H "Authorization: Bearer $TOKEN" "$API/api/v1/runs/$RUN_ID" \
    | python3 -c 'import json,sys; print(json.load(sys.stdin)["run"]["status"])'
}
sleep 15   # past detection, into the long `up`
[ "$(run_status)" = RUNNING ] || { echo "the reconcile is not running: $(run_status)" >&2; exit 1; }

echo "== wrk: $RATE req/s per endpoint for ${DURATION}s, $CONNECTIONS connections each, all three at once"
export BENCH_CONN_RATE=$(( RATE / CONNECTIONS ))
run_wrk() { # name url [header]
  local name="$1" url="$2"; shift 2
  wrk -t1 -c"$CONNECTIONS" -d"${DURATION}s" --latency -s bench/paced.lua "$@" "$url" >"$WORK/wrk-$name.txt" 2>&1
}
run_wrk liveness "$MGMT/actuator/health/liveness" &
W1=$!
run_wrk stacks "$API/api/v1/stacks" -H "Authorization: Bearer $TOKEN" &
W2=$!
run_wrk prometheus "$MGMT/actuator/prometheus" &
W3=$!
wait $W1 $W2 $W3
STILL=$(run_status)
RSS_LOAD_KB=$(awk '/VmRSS/ {print $2}' "/proc/$APP_PID/status")

pct() { awk -v p="$2" '$1 == p {print $2}' "$WORK/wrk-$1.txt"; }
rps() { awk '/Requests\/sec/ {print $2}' "$WORK/wrk-$1.txt"; }
errs() { grep -E "Non-2xx|Socket errors" "$WORK/wrk-$1.txt" | tr '\n' ' ' || true; }

echo
echo "tap-reconciler HTTP benchmark ($(date -u +%FT%TZ), $(nproc) cores, reconcile $RUN_ID $STILL at the end)"
printf '%-28s %10s %10s %10s  %s\n' endpoint p50 p99 req/s errors
for n in liveness stacks prometheus; do
  case $n in liveness) e="/actuator/health/liveness";; stacks) e="GET /api/v1/stacks";; prometheus) e="/actuator/prometheus";; esac
  printf '%-28s %10s %10s %10s  %s\n' "$e" "$(pct $n 50%)" "$(pct $n 99%)" "$(rps $n)" "$(errs $n)"
done
echo "start to ready: ${READY_MS} ms; RSS idle: $(( RSS_IDLE_KB / 1024 )) MiB, after load: $(( RSS_LOAD_KB / 1024 )) MiB"
if grep -qF "$TOKEN" "$WORK/app.log"; then echo "the API token appeared in the service log" >&2; exit 1; fi
