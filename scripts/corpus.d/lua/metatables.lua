-- Metamethods: arithmetic, comparison, index/newindex, call, concat, len.
local V = {}
V.__index = V
local function vec(x, y) return setmetatable({x = x, y = y}, V) end
V.__add = function(a, b) return vec(a.x + b.x, a.y + b.y) end
V.__sub = function(a, b) return vec(a.x - b.x, a.y - b.y) end
V.__mul = function(a, k) return vec(a.x * k, a.y * k) end
V.__eq = function(a, b) return a.x == b.x and a.y == b.y end
V.__lt = function(a, b) return a.x * a.x + a.y * a.y < b.x * b.x + b.y * b.y end
V.__le = function(a, b) return not (b < a) end
V.__tostring = function(a) return string.format("(%d,%d)", a.x, a.y) end
V.__concat = function(a, b) return tostring(a) .. tostring(b) end
V.__len = function(a) return math.abs(a.x) + math.abs(a.y) end
V.__call = function(a, k) return a.x * k + a.y end
function V:dot(b) return self.x * b.x + self.y * b.y end

local p = vec(0, 0)
local lt = 0
for i = 1, 30000 do
  local q = vec(i % 17 - 8, i % 13 - 6)
  p = p + q * 2 - vec(1, 1)
  if q < p then lt = lt + 1 end
  if q == vec(0, 0) then lt = lt + 1000 end
end
print("vec", tostring(p), #p, p(3), p:dot(vec(1, 2)), lt, vec(1, 2) .. vec(3, 4))

-- __index / __newindex chains with functions and tables.
local log = {}
local base = setmetatable({}, {__index = function(_, k) return k * 2 end})
local mid = setmetatable({}, {__index = base})
local top = setmetatable({}, {__index = mid, __newindex = function(t, k, v) rawset(t, k, v + 1); log[#log + 1] = k end})
local s = 0
for i = 1, 20000 do s = s + top[i % 100] end
for i = 1, 100 do top[i] = i end
print("index", s, #log, top[50])

-- __gc and __close run in a fixed order here.
do
  local order = {}
  do
    local a <close> = setmetatable({}, {__close = function() order[#order + 1] = "a" end})
    local b <close> = setmetatable({}, {__close = function() order[#order + 1] = "b" end})
  end
  print("close", table.concat(order, ","))
end
