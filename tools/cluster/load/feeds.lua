-- Calendar clients polling subscriptions (personal, office and public feeds); half of them send the ETag they hold.
package.path = "tools/cluster/load/?.lua;" .. package.path
local common = require("common")
local feeds
local tags = {}

function init(args)
  common.init(args)
  feeds = common.lines(common.dir .. "/feeds.txt")
end

local last
function request()
  last = common.pick(feeds)
  local headers = {}
  if tags[last] and math.random() < 0.5 then headers["If-None-Match"] = tags[last] end
  return wrk.format("GET", last, headers)
end

-- One request in flight per connection and the path remembered per thread: good enough to learn each feed's tag.
function response(status, headers, body)
  if status == 200 and last and headers["ETag"] then tags[last] = headers["ETag"] end
end

function delay() return common.delay() end
