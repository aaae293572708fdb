-- The string library: patterns, gsub with function/table replacement,
-- format, rep, byte/char, pack/unpack.
local words = {}
local text = string.rep("the quick brown fox jumps over the lazy dog 12345 ", 400)
for w in text:gmatch("%a+") do words[w] = (words[w] or 0) + 1 end
local keys = {}
for k in pairs(words) do keys[#keys + 1] = k end
table.sort(keys)
local out = {}
for _, k in ipairs(keys) do out[#out + 1] = k .. "=" .. words[k] end
print(table.concat(out, " "))

local r = text:gsub("(%a)(%a*)", function(a, b) return a:upper() .. b end)
print(#r, r:sub(1, 60))
local r2, n2 = text:gsub("%d", {["1"] = "one", ["3"] = "three"})
print(#r2, n2)
print(("%5.2f|%-8s|%x|%q"):format(math.pi, "ab", 48879, "a\nb\"c"))
local acc = 0
for i = 1, 20000 do
  local s = string.format("%d:%s", i, string.char(65 + i % 26))
  acc = acc + #s + s:byte(-1)
end
print("format", acc)
local packed = string.pack("<i4 d s1", 123456, 2.5, "hi")
print(#packed, string.unpack("<i4 d s1", packed))
print(("x"):rep(5, "-"), ("hello world"):find("o w"), ("hello"):match("(h)(.)"))
local n = 0
for a, b in ("k1=v1, k2=v2, k3=v3"):gmatch("(%w+)=(%w+)") do n = n + #a + #b end
print("gmatch", n)
