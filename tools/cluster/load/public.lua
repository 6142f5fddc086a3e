-- Citizens on the public rota page (and a few on the public feed), signed out, no validators (a first visit).
package.path = "tools/cluster/load/?.lua;" .. package.path
local common = require("common")
local org

function init(args)
  common.init(args)
  org = args[3] or "demo"
end

function request()
  if math.random() < 0.8 then return wrk.format("GET", "/rota/" .. org) end
  return wrk.format("GET", "/calendar/" .. org .. ".ics")
end

function delay() return common.delay() end
