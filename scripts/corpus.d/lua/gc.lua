-- Garbage collection: finalizers, weak tables, incremental and
-- generational modes; the allocator is called through lua_Alloc.
local finalized = 0
for i = 1, 20000 do
  setmetatable({}, {__gc = function() finalized = finalized + 1 end})
end
collectgarbage("collect")
collectgarbage("collect")
print("finalized", finalized)

local weak = setmetatable({}, {__mode = "k"})
local keep = {}
for i = 1, 1000 do
  local k = {}
  weak[k] = i
  if i % 10 == 0 then keep[#keep + 1] = k end
end
collectgarbage("collect")
local n = 0
for _ in pairs(weak) do n = n + 1 end
print("weak", n)

collectgarbage("generational")
local live = {}
for i = 1, 200000 do
  local t = {i, tostring(i)}
  if i % 1000 == 0 then live[#live + 1] = t end
end
collectgarbage("incremental")
collectgarbage("collect")
local s = 0
for _, t in ipairs(live) do s = s + t[1] + #t[2] end
print("live", #live, s)
