-- oo.lua - object-oriented dispatch: a class hierarchy built from
-- metatables (__index chains), virtual methods, metamethods (__add, __eq,
-- __lt, __len, __tostring, __call) and a small event-driven simulation.
local N = tonumber(arg and arg[1]) or 1

local function class(parent)
  local c = {}
  c.__index = c
  if parent then
    setmetatable(c, {__index = parent})
    -- metamethods are looked up raw in the metatable: copy them down
    for k, v in pairs(parent) do
      if k:sub(1, 2) == "__" and k ~= "__index" then c[k] = v end
    end
  end
  c.new = function(...)
    local o = setmetatable({}, c)
    o:init(...)
    return o
  end
  return c
end

local Vec = class()
function Vec:init(x, y) self.x, self.y = x, y end
Vec.__add = function(a, b) return Vec.new(a.x + b.x, a.y + b.y) end
Vec.__eq = function(a, b) return a.x == b.x and a.y == b.y end
Vec.__tostring = function(v) return "(" .. v.x .. "," .. v.y .. ")" end
function Vec:dot(o) return self.x * o.x + self.y * o.y end

local Shape = class()
function Shape:init(pos, name) self.pos, self.name = pos, name end
function Shape:area() return 0 end
function Shape:perimeter() return 0 end
function Shape:describe() return self.name .. ":" .. self:area() end
function Shape:move(d) self.pos = self.pos + d end
Shape.__lt = function(a, b) return a:area() < b:area() end

local Circle = class(Shape)
function Circle:init(pos, r) Shape.init(self, pos, "circle"); self.r = r end
function Circle:area() return 3 * self.r * self.r end
function Circle:perimeter() return 6 * self.r end

local Rect = class(Shape)
function Rect:init(pos, w, h) Shape.init(self, pos, "rect"); self.w, self.h = w, h end
function Rect:area() return self.w * self.h end
function Rect:perimeter() return 2 * (self.w + self.h) end

local Square = class(Rect)
function Square:init(pos, s) Rect.init(self, pos, s, s); self.name = "square" end

local Tri = class(Shape)
function Tri:init(pos, b, h) Shape.init(self, pos, "tri"); self.b, self.h = b, h end
function Tri:area() return self.b * self.h // 2 end
function Tri:perimeter() return self.b * 3 end

-- A queue of events whose handlers are objects with __call.
local Handler = class()
function Handler:init(kind) self.kind, self.count = kind, 0 end
Handler.__call = function(self, shape, d)
  self.count = self.count + 1
  if self.kind == 1 then shape:move(d)
  elseif self.kind == 2 then return shape:area()
  else return shape:perimeter() end
  return 0
end

local Bag = class()
function Bag:init() self.items, self.n = {}, 0 end
function Bag:add(x) self.n = self.n + 1; self.items[self.n] = x end
Bag.__len = function(b) return b.n end

local kinds = {Circle, Rect, Square, Tri}
local sum, moved = 0, 0
for round = 1, 60 * N do
  local bag = Bag.new()
  for i = 1, 4000 do
    local k = kinds[(i * 7 + round) % 4 + 1]
    local p = Vec.new(i % 13, i % 17)
    local s
    if k == Circle then s = Circle.new(p, i % 9 + 1)
    elseif k == Tri then s = Tri.new(p, i % 11 + 1, i % 5 + 2)
    elseif k == Square then s = Square.new(p, i % 7 + 1)
    else s = Rect.new(p, i % 6 + 1, i % 8 + 1) end
    bag:add(s)
  end
  local handlers = {Handler.new(1), Handler.new(2), Handler.new(3)}
  local d = Vec.new(1, -1)
  for step = 1, 8 do
    for i = 1, #bag do
      local s = bag.items[i]
      sum = sum + handlers[(i + step) % 3 + 1](s, d)
    end
  end
  table.sort(bag.items, function(a, b) return a < b end)
  for i = 1, #bag, 97 do
    local s = bag.items[i]
    sum = sum + #s:describe() + s.pos:dot(d)
    if s.pos == Vec.new(s.pos.y, s.pos.x) then moved = moved + 1 end
  end
  sum = sum + #tostring(bag.items[1].pos)
end
print(string.format("oo %d %d", sum, moved))
