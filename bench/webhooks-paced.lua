-- bench/webhooks.lua at a steady pace: each connection waits BENCH_PACE_MS (default 20) before each request, so the
-- rate stays well below the intake's ceiling (the handling phase of bench/webhooks.sh measures end-to-end latency).
dofile("bench/webhooks.lua")
local pace = tonumber(os.getenv("BENCH_PACE_MS") or "20")
function delay()
  return pace
end
