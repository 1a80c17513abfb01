#!/usr/bin/env bash
# Helpers to run the service as a real process on loopback (sourced by .ci/schemathesis.sh and
# bench/api-bench.sh). Only the process started here is ever stopped, by its own PID.

# A free TCP port on 127.0.0.1.
free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

# A random API token (hex, 64 characters).
random_token() {
  python3 -c 'import secrets; print(secrets.token_hex(32))'
}

# start_app LOGFILE CMD...: starts CMD in the background; sets APP_PID and APP_STARTED_NS.
start_app() {
  local log="$1"; shift
  APP_STARTED_NS=$(date +%s%N)
  "$@" >"$log" 2>&1 &
  APP_PID=$!
}

# wait_http URL TIMEOUT_SECONDS [EXPECTED_CODE]: polls until URL answers EXPECTED_CODE (default 200).
wait_http() {
  local url="$1" timeout="$2" expected="${3:-200}" deadline=$(( $(date +%s) + $2 ))
  while [ "$(date +%s)" -lt "$deadline" ]; do
    if [ -n "${APP_PID:-}" ] && ! kill -0 "$APP_PID" 2>/dev/null; then
      echo "the service exited during start-up" >&2; return 1
    fi
    [ "$(curl -s -o /dev/null -w '%{http_code}' "$url" 2>/dev/null)" = "$expected" ] && return 0
    sleep 0.2
  done
  echo "timed out after ${timeout}s waiting for $url to answer $expected" >&2
  return 1
}

# Stops the process start_app started (SIGTERM, then SIGKILL after 30 s).
stop_app() {
  [ -n "${APP_PID:-}" ] || return 0
  if kill -0 "$APP_PID" 2>/dev/null; then
    kill -TERM "$APP_PID" 2>/dev/null || true
    for _ in $(seq 1 150); do kill -0 "$APP_PID" 2>/dev/null || break; sleep 0.2; done
    kill -0 "$APP_PID" 2>/dev/null && kill -KILL "$APP_PID" 2>/dev/null || true
  fi
  wait "$APP_PID" 2>/dev/null || true
  APP_PID=""
}
