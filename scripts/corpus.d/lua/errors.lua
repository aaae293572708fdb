-- Errors: pcall/xpcall with handlers, error objects, nested unwinding,
-- tostring of errors, error in metamethods and in C callbacks.
local caught = 0
for i = 1, 20000 do
  local ok, e = pcall(function(x) if x % 3 == 0 then error({code = x}) end return x end, i)
  if not ok then caught = caught + e.code % 7 end
end
print("caught", caught)

local function handler(e) return "handled: " .. tostring(e):gsub("^.-:%d+: ", "") end
print(xpcall(function() error("boom") end, handler))
print(xpcall(function() local t = nil; return t.x end, function(e) return (e:gsub("^.-:%d+: ", "")) end))
print(pcall(error))
print(pcall(error, setmetatable({}, {__tostring = function() return "custom" end})))
print(select("#", pcall(error, nil)))

-- Errors from inside table.sort's comparator and string.gsub's callback.
print(pcall(table.sort, {3, 2, 1}, function(a, b) error("in comparator", 0) end))
print(pcall(string.gsub, "abc", "%a", function(c) if c == "b" then error("in gsub", 0) end end))

-- Deep recursion and stack overflow recovery.
local function depth(n) if n == 0 then return 0 end return 1 + depth(n - 1) end
print("depth", depth(10000))
local function inf(n) return inf(n + 1) + 1 end
local ok, e = pcall(inf, 0)
print("overflow", ok, (tostring(e):match("stack overflow")))
