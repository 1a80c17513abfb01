# Starts and stops a moto server on loopback for the *IT tests (sourced by .ci/run).
MOTO_PORT="${MOTO_PORT:-5000}"
export TAP_TEST_MOTO_ENDPOINT="http://127.0.0.1:${MOTO_PORT}"

start_moto() {
  if curl -fs "${TAP_TEST_MOTO_ENDPOINT}/moto-api/" >/dev/null 2>&1; then return 0; fi
  command -v moto_server >/dev/null || { echo "moto_server missing: pip install 'moto[server]'" >&2; return 1; }
  moto_server -H 127.0.0.1 -p "$MOTO_PORT" >"${TMPDIR:-/tmp}/moto-${MOTO_PORT}.log" 2>&1 &
  MOTO_PID=$!
  for _ in $(seq 1 60); do
    curl -fs "${TAP_TEST_MOTO_ENDPOINT}/moto-api/" >/dev/null 2>&1 && return 0
    sleep 0.5
  done
  echo "moto server did not start; see ${TMPDIR:-/tmp}/moto-${MOTO_PORT}.log" >&2
  return 1
}

stop_moto() {
  [ -n "${MOTO_PID:-}" ] && kill "$MOTO_PID" 2>/dev/null || true
}
