-- utf8 library, os/io basics that are deterministic (temporary file
-- written and read back), select and varargs, string buffers.
local s = "héllo wörld ✓ 日本"
print(utf8.len(s), #s)
local cps = {}
for _, c in utf8.codes(s) do cps[#cps + 1] = c end
print(table.concat(cps, " "))
print(utf8.char(72, 228, 8364, 128512), utf8.codepoint(s, 1, 3), utf8.offset(s, 3))

local name = os.tmpname()
local f = assert(io.open(name, "w"))
for i = 1, 2000 do f:write(i, "\t", i * i, "\n") end
f:close()
local sum, lines = 0, 0
for line in io.lines(name) do
  local a, b = line:match("(%d+)\t(%d+)")
  sum = sum + tonumber(a) + tonumber(b)
  lines = lines + 1
end
f = assert(io.open(name, "r"))
local all = f:read("a")
f:seek("set", 0)
local n1 = f:read("n")
f:close()
os.remove(name)
print("io", lines, sum, #all, n1)

local function va(...) return select("#", ...), select(2, ...) end
print(va(1, nil, 3, nil))
local parts = {}
for i = 1, 10000 do parts[#parts + 1] = string.char(97 + i % 26) end
print(#table.concat(parts), table.concat(parts):sub(1, 30))
