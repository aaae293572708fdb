-- strings.lua - string building: table.concat, string.format, gsub with
-- function and table replacements, pattern matching, rep/sub/byte/char,
-- a tiny template engine and a CSV round trip.
local N = tonumber(arg and arg[1]) or 1

local words = {}
for w in ("alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu"
          .. " nu xi omicron pi rho sigma tau upsilon phi chi psi omega"):gmatch("%a+") do
  words[#words + 1] = w
end

local function template(tpl, env)
  return (tpl:gsub("{{(%w+)}}", env))
end

local function csv_line(fields)
  local out = {}
  for i = 1, #fields do
    local f = tostring(fields[i])
    if f:find('[,"]') then f = '"' .. f:gsub('"', '""') .. '"' end
    out[i] = f
  end
  return table.concat(out, ",")
end

local function csv_parse(line)
  local res, pos = {}, 1
  while true do
    if line:sub(pos, pos) == '"' then
      local txt, i = "", pos + 1
      while true do
        local a, b = line:find('"', i, true)
        if line:sub(b + 1, b + 1) == '"' then
          txt = txt .. line:sub(i, a); i = b + 2
        else
          txt = txt .. line:sub(i, a - 1); pos = b + 2; break
        end
      end
      res[#res + 1] = txt
    else
      local a = line:find(",", pos, true)
      if a then res[#res + 1] = line:sub(pos, a - 1); pos = a + 1
      else res[#res + 1] = line:sub(pos); break end
      goto continue
    end
    if pos > #line + 1 then break end
    ::continue::
  end
  return res
end

local sum = 0
for round = 1, 200 * N do
  local parts = {}
  for i = 1, 1500 do
    local w = words[(i * 31 + round) % #words + 1]
    parts[#parts + 1] = string.format("%s-%05d:%.3f", w:upper(), i, i / 7)
  end
  local s = table.concat(parts, " ")
  -- gsub with a function (a C -> Lua call per match) and with a table
  local caps = s:gsub("(%u)(%u*)", function(a, b) return a .. b:lower() end)
  local swapped = caps:gsub("%a+", {Alpha = "A", Omega = "W", Pi = "P"})
  sum = sum + #swapped
  for num in s:gmatch("%d+%.%d+") do sum = sum + #num end
  local env = {name = words[round % #words + 1], n = tostring(round), w = "x"}
  for i = 1, 400 do
    sum = sum + #template("Hello {{name}}, item {{n}} of {{w}}{{w}}!", env)
  end
  for i = 1, 300 do
    local line = csv_line({i, words[i % #words + 1], 'say "hi", ' .. i, i * 2.5})
    local f = csv_parse(line)
    sum = sum + #f + #f[3]
  end
  local b = {}
  for i = 1, 2000 do b[i] = string.char(65 + (i * 7 + round) % 26) end
  local str = table.concat(b)
  sum = sum + #str:rep(3, ";") + str:byte(round % #str + 1)
  sum = sum + select(2, str:reverse():gsub("[AEIOU]", ""))
end
print("strings " .. sum)
