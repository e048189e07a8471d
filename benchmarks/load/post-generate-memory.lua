-- wrk script: POST generate with memory, round robin over THREADS pre-filled threads <THREAD_PREFIX>-0-<k> of
-- RESOURCE (benchmarks/peer/memory.sh fills them with MemoryFill), with the token from TOKEN. Run with -t1 (one Lua
-- state, so the counter is shared by every connection).
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
local token = os.getenv("TOKEN")
if token and #token > 0 then wrk.headers["Authorization"] = "Bearer " .. token end
local threads = tonumber(os.getenv("THREADS") or "1")
local prefix = os.getenv("THREAD_PREFIX") or "t"
local resource = os.getenv("RESOURCE") or "user_test"
local n = 0
request = function()
  local id = prefix .. "-0-" .. (n % threads)
  n = n + 1
  return wrk.format(nil, nil, nil,
    '{"messages":"Weather in London","memory":{"thread":"' .. id .. '","resource":"' .. resource .. '"}}')
end
