-- Shared by the wrk scripts of the load run (tools/cluster/load/run.sh). Each wrk thread has its own Lua state.
-- Arguments after "--": the folder sessions.py prepared, then the mean think time in milliseconds.
local common = {}

function common.lines(path)
  local t = {}
  local f = assert(io.open(path, "r"), "cannot read " .. path)
  for line in f:lines() do
    if line ~= "" then t[#t + 1] = line end
  end
  f:close()
  return t
end

function common.split(line)
  local t = {}
  for field in string.gmatch(line, "[^\t]+") do t[#t + 1] = field end
  return t
end

local counter = 0
function common.init(args)
  common.dir = args[1]
  common.think = tonumber(args[2] or "10000")
  counter = counter + 1
  -- wrk gives no thread number; the address of a fresh table differs per thread.
  math.randomseed(os.time() + tonumber(string.sub(tostring({}), 8), 16) % 100000)
end

function common.pick(t) return t[math.random(#t)] end

-- Think time: exponential around the mean (a person reads, types, looks away), capped at five times it.
function common.delay()
  local d = -common.think * math.log(1 - math.random())
  if d > 5 * common.think then d = 5 * common.think end
  return math.floor(d)
end

return common
