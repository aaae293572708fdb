-- Coroutines: generators, wrap, passing values both ways, yields across
-- pcall and metamethods.
local function gen(n)
  return coroutine.wrap(function()
    for i = 1, n do coroutine.yield(i) end
  end)
end
local s = 0
for v in gen(50000) do s = s + v end
print("gen", s)

local co = coroutine.create(function(a, b)
  local c = coroutine.yield(a + b)
  local d, e = coroutine.yield(c * 2)
  return d + e
end)
print(coroutine.resume(co, 1, 2))
print(coroutine.resume(co, 10))
print(coroutine.resume(co, 3, 4))
print(coroutine.status(co), coroutine.resume(co))

-- A producer/consumer pipeline through filters.
local function producer()
  return coroutine.create(function() for i = 1, 3000 do coroutine.yield(i) end end)
end
local function filter(src, fn)
  return coroutine.create(function()
    while true do
      local ok, v = coroutine.resume(src)
      if not v then return end
      if fn(v) then coroutine.yield(v) end
    end
  end)
end
local p = filter(filter(producer(), function(x) return x % 3 == 0 end), function(x) return x % 5 ~= 0 end)
local cnt, sum = 0, 0
while true do
  local _, v = coroutine.resume(p)
  if not v then break end
  cnt, sum = cnt + 1, sum + v
end
print("pipeline", cnt, sum)

-- Yield across pcall and through a metamethod.
local mt = {__index = function(_, k) return coroutine.yield(k) end}
local co2 = coroutine.wrap(function()
  local t = setmetatable({}, mt)
  local ok, v = pcall(function() return t.x + t.y end)
  return ok, v
end)
print(co2(), co2(5), co2(7))
