-- gen-xml.lua N - print an XML catalogue of N items (about 600 bytes
-- each): attributes, nested elements, mixed text, entities and comments,
-- the same bytes on every run (a fixed linear congruential generator).
local n = tonumber(arg[1]) or 40000
local seed = 54321
local function rnd(m)
  seed = (seed * 1103515245 + 12345) % 2147483648
  return seed % m
end
local types = {"book", "disc", "tool", "food", "toy", "game"}
local words = {"red", "quick", "fox", "lazy", "dog", "blue", "sky", "green",
               "field", "river", "stone", "light", "dark", "north", "south"}
local function sentence(k)
  local w = {}
  for i = 1, k do w[i] = words[rnd(#words) + 1] end
  return table.concat(w, " ")
end
local out = io.stdout
out:write('<?xml version="1.0" encoding="UTF-8"?>\n<catalog xmlns:x="urn:example:x">\n')
for i = 1, n do
  out:write(string.format('  <item id="i%d" type="%s" x:rank="%d">\n', i,
    types[rnd(#types) + 1], rnd(1000)))
  out:write(string.format('    <title lang="en">%s &amp; %s</title>\n', sentence(3), sentence(2)))
  out:write(string.format('    <price currency="EUR">%d.%02d</price>\n', rnd(500), rnd(100)))
  out:write('    <tags>')
  for j = 1, rnd(4) + 1 do out:write('<tag>', words[rnd(#words) + 1], '</tag>') end
  out:write('</tags>\n')
  out:write(string.format('    <desc>%s <b>%s</b> %s &lt;%d&gt;</desc>\n',
    sentence(rnd(8) + 2), sentence(2), sentence(rnd(6) + 1), rnd(100)))
  if rnd(4) == 0 then out:write('    <!-- restocked -->\n') end
  out:write('    <stock>')
  for j = 1, rnd(3) + 1 do
    out:write(string.format('<store ref="s%d" qty="%d"/>', rnd(50), rnd(30)))
  end
  out:write('</stock>\n  </item>\n')
end
out:write('</catalog>\n')
