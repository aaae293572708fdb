-- table.sort with Lua comparators (C calling back into Lua), table
-- functions, a deterministic pseudo-random generator.
local seed = 42
local function rnd(n) seed = (seed * 1103515245 + 12345) % 2147483648; return seed % n end
local t = {}
for i = 1, 20000 do t[i] = rnd(100000) end
table.sort(t)
local ok = true
for i = 2, #t do if t[i - 1] > t[i] then ok = false end end
print("sorted asc", ok, t[1], t[#t])
table.sort(t, function(a, b) return a > b end)
print("sorted desc", t[1], t[#t])
local recs = {}
for i = 1, 5000 do recs[i] = {k = rnd(50), v = i} end
table.sort(recs, function(a, b) if a.k ~= b.k then return a.k < b.k end return a.v < b.v end)
local h = 0
for i = 1, #recs do h = (h * 31 + recs[i].v) % 1000000007 end
print("records", h)
local u = {}
for i = 1, 100 do table.insert(u, 1, i) end
table.remove(u, 50)
table.move(u, 1, 10, 91)
print("table", #u, table.concat(u, ",", 1, 12), table.unpack({1, 2, 3}))
