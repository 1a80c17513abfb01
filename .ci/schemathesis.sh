#!/usr/bin/env bash
# Property-based API tests: schemathesis against the served OpenAPI document, with an operator
# token. Fails on any 5xx and on any response that breaks the documented schema, status codes,
# content types or headers.
#
#   .ci/schemathesis.sh                      # starts target/tap-reconciler-*.jar on loopback, then stops it
#   TAP_BASE_URL=http://127.0.0.1:8080 TAP_API_TOKEN=<operator token> .ci/schemathesis.sh   # a running service
#
# Bounded: SCHEMATHESIS_MAX_EXAMPLES per operation (default 25); the whole run is cut at 10 minutes.
set -euo pipefail
cd "$(dirname "$0")/.."
source .ci/app.sh

command -v schemathesis >/dev/null || { echo "schemathesis missing: python3 -m pip install -r .ci/requirements.txt" >&2; exit 1; }

WORK="$(mktemp -d "${TMPDIR:-/tmp}/tap-schemathesis.XXXXXX")"
cleanup() { stop_app; rm -rf "$WORK"; }
trap cleanup EXIT

if [ -n "${TAP_BASE_URL:-}" ]; then
  BASE="$TAP_BASE_URL"
  TOKEN="${TAP_API_TOKEN:?TAP_API_TOKEN (an operator token of the running service) is required with TAP_BASE_URL}"
else
  JAR="$(ls target/tap-reconciler-*.jar 2>/dev/null | grep -v -- '-plain' | head -1 || true)"
  [ -n "$JAR" ] || { echo "no packaged jar in target/: run ./mvnw package first" >&2; exit 1; }
  PORT="$(free_port)"; MPORT="$(free_port)"; TOKEN="$(random_token)"
  BASE="http://127.0.0.1:$PORT"
  echo "== starting $JAR on 127.0.0.1:$PORT (management :$MPORT), data dir $WORK"
  # The default stack, detect-only, on a file backend in a temp dir; no AWS Config reads, and every
  # AWS SDK call of the service goes to a closed loopback port: nothing here may reach a real cloud.
  TAP_DATA_DIR="$WORK/data" TAP_API_TOKENS="schemathesis:operator:$TOKEN" \
    start_app "$WORK/app.log" java -Xmx512m -jar "$JAR" \
      --server.address=127.0.0.1 --server.port="$PORT" \
      --management.server.address=127.0.0.1 --management.server.port="$MPORT" \
      --tap.stacks[0].name=prod --tap.stacks[0].program=tap --tap.stacks[0].backend-url="file://$WORK/data/state" \
      --tap.stacks[0].remediation=DETECT_ONLY --tap.stacks[0].interval=1h \
      --tap.compliance.enabled=false --tap.aws.endpoint=http://127.0.0.1:9
  if ! wait_http "http://127.0.0.1:$MPORT/actuator/health/liveness" 180; then
    tail -50 "$WORK/app.log" >&2; exit 1
  fi
fi

echo "== schemathesis against $BASE/v3/api-docs"
set +e
timeout 600 schemathesis run "$BASE/v3/api-docs" \
  --header "Authorization: Bearer $TOKEN" \
  --checks not_a_server_error,status_code_conformance,content_type_conformance,response_headers_conformance,response_schema_conformance,negative_data_rejection,ignored_auth \
  --max-examples "${SCHEMATHESIS_MAX_EXAMPLES:-25}" \
  --workers 2 --seed 4242 \
  --request-timeout 20 \
  --report junit --report-junit-path "target/schemathesis-junit.xml" \
  --output-sanitize true
status=$?
set -e
if [ $status -ne 0 ] && [ -f "$WORK/app.log" ]; then
  echo "== service log (tail)"; tail -80 "$WORK/app.log"
fi
if [ -f "$WORK/app.log" ] && grep -qF "$TOKEN" "$WORK/app.log"; then
  echo "the API token appeared in the service log" >&2; exit 1
fi
exit $status
