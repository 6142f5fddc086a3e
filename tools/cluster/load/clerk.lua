-- Clerks at work: the case list (with its pages and filters), case pages and the board, signed in.
package.path = "tools/cluster/load/?.lua;" .. package.path
local common = require("common")
local sessions, cases

function init(args)
  common.init(args)
  sessions = common.lines(common.dir .. "/clerks.txt")
  cases = common.lines(common.dir .. "/cases.txt")
end

local lists = { "/Cases", "/Cases?page=2", "/Cases?page=3", "/Cases?colour=Red", "/Cases?open=true&sort=due", "/Cases?category=land", "/Cases?q=%E5%BE%81%E5%9C%B0" }

function request()
  local cookie = common.split(common.pick(sessions))[1]
  local r = math.random()
  local path
  if r < 0.45 then path = common.pick(lists)
  elseif r < 0.85 then path = "/Cases/Details/" .. common.pick(cases)
  else path = "/Board" end
  return wrk.format("GET", path, { ["Cookie"] = cookie })
end

function delay() return common.delay() end
