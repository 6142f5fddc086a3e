-- Registrations: a clerk posts the registration form (antiforgery token of the clerk's session, a fresh idempotency key
-- as the form carries), which creates a case, its number and its first history event. Answer: 302 to the new case.
package.path = "tools/cluster/load/?.lua;" .. package.path
local common = require("common")
local sessions

function init(args)
  common.init(args)
  sessions = common.lines(common.dir .. "/clerks.txt")
end

local function key()
  local t = {}
  for i = 1, 32 do t[i] = string.format("%x", math.random(0, 15)) end
  return table.concat(t)
end

local function encode(s)
  return (string.gsub(s, "[^%w%-%._~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

local categories = { "land", "construction", "labour", "rural", "civil", "health" }
local n = 0

function request()
  local s = common.split(common.pick(sessions))
  n = n + 1
  local fields = {
    "__RequestVerificationToken=" .. encode(s[2]),
    "__IdempotencyKey=" .. key(),
    "Input.Channel=Visit",
    "Input.ReceivedOn=" .. s[3],
    "Input.Petitioners%5B0%5D.Name=" .. encode("压测来访人"),
    "Input.CategoryCode=" .. common.pick(categories),
    "Input.Summary=" .. encode("压测登记 " .. n),
  }
  return wrk.format("POST", "/Cases/Register",
    { ["Cookie"] = s[1], ["Content-Type"] = "application/x-www-form-urlencoded" }, table.concat(fields, "&"))
end

function delay() return common.delay() end
