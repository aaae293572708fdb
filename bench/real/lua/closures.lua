-- closures.lua - closures and higher-order functions: map/filter/fold over
-- arrays, function composition, memoisation, closure-based iterators,
-- coroutine generators and pcall-protected callbacks.
local N = tonumber(arg and arg[1]) or 1

local function map(t, f) local r = {} for i = 1, #t do r[i] = f(t[i]) end return r end
local function filter(t, p)
  local r, n = {}, 0
  for i = 1, #t do if p(t[i]) then n = n + 1; r[n] = t[i] end end
  return r
end
local function fold(t, f, acc) for i = 1, #t do acc = f(acc, t[i]) end return acc end
local function compose(f, g) return function(x) return f(g(x)) end end
local function adder(k) return function(x) return x + k end end
local function scaler(k) return function(x) return x * k % 1000003 end end

local function counter()
  local n = 0
  return function() n = n + 1; return n end, function() return n end
end

local function memo(f)
  local cache = {}
  return function(x)
    local v = cache[x]
    if v == nil then v = f(x); cache[x] = v end
    return v
  end
end

local function range(a, b, step)
  local i = a - step
  return function() i = i + step; if i <= b then return i end end
end

local function gen(n)
  return coroutine.wrap(function()
    local a, b = 0, 1
    for _ = 1, n do coroutine.yield(a); a, b = b, (a + b) % 1000007 end
  end)
end

local total = 0
for round = 1, 700 * N do
  local data = {}
  for i in range(1, 6000, 1) do data[#data + 1] = (i * 7919 + round) % 10007 end
  local pipeline = compose(adder(round), compose(scaler(3), adder(-1)))
  local mapped = map(data, pipeline)
  local evens = filter(mapped, function(x) return x % 2 == 0 end)
  total = total + fold(evens, function(a, x) return (a + x) % 1000000007 end, 0)
  local inc, get = counter()
  local fib = memo(function(x) inc(); return x * x % 977 end)
  for i = 1, #data do total = total + fib(data[i] % 500) end
  total = total + get()
  for v in gen(2000) do total = (total + v) % 1000000007 end
  local ok, err = 0, 0
  for i = 1, 300 do
    local s, r = pcall(function(x) if x % 7 == 0 then error("x") end return x end, i)
    if s then ok = ok + r else err = err + 1 end
  end
  total = total + ok + err
  -- closures that capture loop variables, called through a table
  local fs = {}
  for i = 1, 64 do fs[i] = function(x) return x + i end end
  for i = 1, 20000 do total = fs[i % 64 + 1](total) % 1000000007 end
end
print("closures " .. total)
