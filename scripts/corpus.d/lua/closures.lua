-- Closures, upvalues and higher-order functions.
local function counter(step)
  local n = 0
  return function() n = n + step; return n end
end
local cs = {}
for i = 1, 8 do cs[i] = counter(i) end
local sum = 0
for r = 1, 20000 do
  for i = 1, 8 do sum = sum + cs[i]() end
end
print("counters", sum)

local function compose(f, g) return function(...) return f(g(...)) end end
local inc = function(x) return x + 1 end
local dbl = function(x) return x * 2 end
local f = inc
for i = 1, 50 do f = compose(i % 2 == 0 and inc or dbl, f) end
local acc = 0
for i = 1, 2000 do acc = (acc + f(i)) % 1000000007 end
print("compose", acc)

local function map(t, fn) local r = {} for i = 1, #t do r[i] = fn(t[i]) end return r end
local function fold(t, fn, a) for i = 1, #t do a = fn(a, t[i]) end return a end
local t = {}
for i = 1, 1000 do t[i] = i end
local total = 0
for r = 1, 100 do
  total = total + fold(map(t, function(x) return x * r % 97 end), function(a, b) return a + b end, 0)
end
print("mapfold", total)
