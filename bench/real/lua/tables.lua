-- tables.lua - table churn: many short-lived tables (allocator and
-- collector work), hash tables keyed by strings, insert/remove in arrays,
-- sorting with Lua comparators, a priority queue and an LRU cache.
local N = tonumber(arg and arg[1]) or 1

local function heap_push(h, v)
  local n = #h + 1
  h[n] = v
  while n > 1 do
    local p = n // 2
    if h[p].k <= h[n].k then break end
    h[p], h[n] = h[n], h[p]
    n = p
  end
end

local function heap_pop(h)
  local top, n = h[1], #h
  h[1] = h[n]; h[n] = nil; n = n - 1
  local i = 1
  while true do
    local l, r, m = 2 * i, 2 * i + 1, i
    if l <= n and h[l].k < h[m].k then m = l end
    if r <= n and h[r].k < h[m].k then m = r end
    if m == i then break end
    h[i], h[m] = h[m], h[i]
    i = m
  end
  return top
end

local LRU = {}
LRU.__index = LRU
function LRU.new(cap) return setmetatable({cap = cap, map = {}, order = {}, n = 0}, LRU) end
function LRU:get(k)
  local v = self.map[k]
  if v then v.t = self.n; self.n = self.n + 1; return v.v end
end
function LRU:put(k, v)
  self.n = self.n + 1
  local e = self.map[k]
  if e then e.v, e.t = v, self.n; return end
  self.map[k] = {v = v, t = self.n, k = k}
  self.order[#self.order + 1] = k
  if #self.order > self.cap then
    -- evict the least recently used of a few candidates
    local best, bi = nil, nil
    for i = 1, 8 do
      local c = self.order[i]
      local ce = self.map[c]
      if not best or ce.t < best.t then best, bi = ce, i end
    end
    self.map[best.k] = nil
    table.remove(self.order, bi)
  end
end

local sum = 0
for round = 1, 15 * N do
  -- records with string keys, grouped and counted
  local groups = {}
  for i = 1, 20000 do
    local key = "g" .. (i * 37 + round) % 211
    local rec = {id = i, key = key, val = (i * 7919) % 1009, tags = {i % 3, i % 5}}
    local g = groups[key]
    if not g then g = {}; groups[key] = g end
    g[#g + 1] = rec
  end
  local keys = {}
  for k in pairs(groups) do keys[#keys + 1] = k end
  table.sort(keys)
  for _, k in ipairs(keys) do
    local g = groups[k]
    table.sort(g, function(a, b)
      if a.val ~= b.val then return a.val > b.val end
      return a.id < b.id
    end)
    sum = sum + g[1].val + #g
  end
  -- array insert/remove churn
  local arr = {}
  for i = 1, 3000 do table.insert(arr, (i * 13) % (#arr + 1) + 1, i) end
  for i = 1, 1500 do sum = sum + table.remove(arr, (i * 11) % #arr + 1) end
  -- priority queue of small tables
  local h = {}
  for i = 1, 6000 do heap_push(h, {k = (i * 7907 + round) % 10007, i = i}) end
  for _ = 1, 6000 do sum = sum + heap_pop(h).k % 10 end
  -- LRU cache
  local c = LRU.new(256)
  for i = 1, 20000 do
    local k = (i * i + round) % 600
    local v = c:get(k)
    if v then sum = sum + v else c:put(k, i % 100) end
  end
  -- unpack/pack, next, and table.move
  local t = table.pack(table.unpack(arr, 1, 200))
  local m = table.move(t, 1, t.n, 1, {})
  sum = sum + #m + select("#", table.unpack(m))
end
print("tables " .. sum)
