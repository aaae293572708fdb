-- Loading code: load with strings and reader functions, string.dump and
-- reloading the binary chunk, environments, require of a preloaded module.
local src = "local a, b = ... return a * b + x"
local f = load(src, "chunk", "t", {x = 5})
local s = 0
for i = 1, 3000 do s = s + f(i, 2) end
print("load", s)

local parts = {"return ", "function(n) ", "local r = 1 ", "for i = 2, n do r = r * i end ", "return r end"}
local i = 0
local fact = load(function() i = i + 1; return parts[i] end)()
print("reader", fact(10), fact(20))

local bin = string.dump(function(a) return a + 100 end)
local g = load(bin, "bin", "b")
print("dump", g(1), #bin > 0)

local chunks = {}
for k = 1, 300 do chunks[k] = load("return " .. k .. " * 2") end
local t = 0
for k = 1, 300 do t = t + chunks[k]() end
print("chunks", t)

package.preload.mymod = function(name) return {name = name, twice = function(x) return 2 * x end} end
local m = require("mymod")
print("require", m.name, m.twice(21), require("mymod") == m)
print(load("syntax error here"))
