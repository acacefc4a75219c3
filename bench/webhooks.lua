-- wrk script of bench/webhooks.sh: replays pre-generated signed webhooks (records written by
-- io.ghlsync.bench.WebhookBodies), each wrk thread its own share, each body once (a body sent twice would only be a
-- duplicate). Counts the answers and writes the webhookIds answered "200, stored" to a file, so the script can check
-- afterwards that every acknowledged webhook is in the database.
-- Arguments (after --): bodiesFile threadCount ackedIdsFile

local threads = {}
local next_id = 0

function setup(thread)
  thread:set("tid", next_id)
  next_id = next_id + 1
  table.insert(threads, thread)
end

function init(args)
  local file, nthreads = args[1], tonumber(args[2])
  ids_file = args[3]
  requests = {}
  local f = assert(io.open(file, "rb"))
  local i = 0
  while true do
    local sig = f:read("*l")
    if not sig then break end
    local len = tonumber(f:read("*l"))
    local body = f:read(len)
    if i % nthreads == tid then
      -- Formatted once here, so request() costs nothing during the run.
      requests[#requests + 1] = wrk.format("POST", wrk.path,
        { ["Content-Type"] = "application/json", ["X-GHL-Signature"] = sig }, body)
    end
    i = i + 1
  end
  f:close()
  n = 0
  stored, duplicates, refused, reused = 0, 0, 0, 0
  acked = {}
  statuses = {}
end

function request()
  n = n + 1
  if n > #requests then
    n = 1
    reused = reused + 1
  end
  return requests[n]
end

function response(status, headers, body)
  if status == 200 then
    if string.find(body, '"duplicate":true', 1, true) then
      duplicates = duplicates + 1
    else
      stored = stored + 1
      acked[stored] = string.match(body, '"webhookId":"([^"]+)"')
    end
  else
    refused = refused + 1
    statuses[status] = (statuses[status] or 0) + 1
  end
end

function done(summary, latency, requests)
  local s, d, r, w = 0, 0, 0, 0
  local by_status = {}
  local out = assert(io.open(threads[1]:get("ids_file") or "/dev/null", "w"))
  for _, t in ipairs(threads) do
    s = s + t:get("stored")
    d = d + t:get("duplicates")
    r = r + t:get("refused")
    w = w + t:get("reused")
    for code, count in pairs(t:get("statuses")) do
      by_status[code] = (by_status[code] or 0) + count
    end
    for _, id in ipairs(t:get("acked")) do
      out:write(id, "\n")
    end
  end
  out:close()
  local seconds = summary.duration / 1e6
  local e = summary.errors
  local codes = ""
  for code, count in pairs(by_status) do codes = codes .. " " .. code .. "x" .. count end
  io.write(string.format(
    "WRK requests=%d seconds=%.2f rps=%.0f p50ms=%.2f p90ms=%.2f p99ms=%.2f maxms=%.2f stored200=%d "
      .. "duplicate200=%d non200=%d socketErrors=%d timeouts=%d bodiesReused=%d statuses=%s\n",
    summary.requests, seconds, summary.requests / seconds,
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000, s, d, r, e.connect + e.read + e.write, e.timeout, w, codes == "" and "-" or codes))
end
