-- Paces each wrk connection to about BENCH_CONN_RATE requests per second (wrk 4 has no fixed-rate
-- mode): wrk waits delay() milliseconds before each request of a connection.
local rate = tonumber(os.getenv("BENCH_CONN_RATE") or "25")
function delay()
  return math.floor(1000 / rate)
end
