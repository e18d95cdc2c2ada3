-- wrk script of the load smoke: every connection walks through the paths of the file given after `--`,
-- each thread from its own offset; answers other than 2xx/3xx are counted as errors. At the end one
-- machine-readable line "BENCH key=value …" with requests/s, latency percentiles (ms) and errors.
--   wrk -t2 -c50 -d60s -s bench/rotate.lua http://127.0.0.1:PORT -- var/bench/public.paths

local threads = {}

function setup(thread)
  table.insert(threads, thread)
  thread:set("offset", #threads * 1009)
end

function init(args)
  paths = {}
  for line in io.lines(args[1]) do
    if line ~= "" then paths[#paths + 1] = line end
  end
  if #paths == 0 then error("no paths in " .. args[1]) end
  index = offset % #paths
  bad, redirects = 0, 0
end

function request()
  index = index % #paths + 1
  return wrk.format("GET", paths[index])
end

function response(status, headers, body)
  if status >= 300 and status < 400 then
    redirects = redirects + 1
  elseif status < 200 or status >= 400 then
    bad = bad + 1
  end
end

function done(summary, latency, requests)
  local bad, redirects = 0, 0
  for _, thread in ipairs(threads) do
    bad = bad + thread:get("bad")
    redirects = redirects + thread:get("redirects")
  end
  local e = summary.errors
  local socket = e.connect + e.read + e.write + e.timeout
  local seconds = summary.duration / 1e6
  io.write(string.format(
    "BENCH requests=%d seconds=%.2f rps=%.2f p50=%.1f p95=%.1f p99=%.1f max=%.1f errors=%d " ..
    "http_errors=%d socket_errors=%d timeouts=%d redirects=%d\n",
    summary.requests, seconds, summary.requests / seconds,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000, bad + socket, bad, socket, e.timeout, redirects))
end
