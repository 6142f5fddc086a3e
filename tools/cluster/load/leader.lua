-- Leaders on their own cases (/MyCases), signed in.
package.path = "tools/cluster/load/?.lua;" .. package.path
local common = require("common")
local sessions

function init(args)
  common.init(args)
  sessions = common.lines(common.dir .. "/leaders.txt")
end

function request()
  return wrk.format("GET", "/MyCases", { ["Cookie"] = common.pick(sessions) })
end

function delay() return common.delay() end
