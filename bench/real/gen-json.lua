-- gen-json.lua N - print a JSON array of N customer records (about 470
-- bytes each), the same bytes on every run: a fixed linear congruential
-- generator, not math.random, so the data does not depend on Lua's PRNG.
local n = tonumber(arg[1]) or 40000
local seed = 12345
local function rnd(m)
  seed = (seed * 1103515245 + 12345) % 2147483648
  return seed % m
end
local countries = {"DE", "FR", "NL", "SE", "PL", "IT", "ES", "PT", "CZ", "AT", "BE", "DK"}
local tags = {"new", "vip", "churn", "trial", "b2b", "edu", "beta", "promo", "mobile", "web"}
local cities = {}
for i = 1, 300 do cities[i] = "City" .. i end
local out = io.stdout
out:write("[\n")
for i = 1, n do
  local t = {}
  for j = 1, rnd(4) + 1 do t[j] = string.format("%q", tags[rnd(#tags) + 1]) end
  local orders = {}
  for j = 1, rnd(5) do
    orders[j] = string.format('{"sku":"P%d","qty":%d,"price":%d.%02d}',
      rnd(500), rnd(9) + 1, rnd(200), rnd(100))
  end
  out:write(string.format(
    '{"id":%d,"name":"user%d","email":"user%d@example.org","age":%d,' ..
    '"active":%s,"country":"%s","score":%d.%d,"tags":[%s],' ..
    '"address":{"city":"%s","zip":"%05d","geo":[%d.%d,%d.%d]},' ..
    '"orders":[%s],"note":"%s"}%s\n',
    i, i, i, 18 + rnd(60), rnd(3) > 0 and "true" or "false",
    countries[rnd(#countries) + 1], rnd(100), rnd(100), table.concat(t, ","),
    cities[rnd(#cities) + 1], rnd(100000), rnd(90), rnd(1000), rnd(180), rnd(1000),
    table.concat(orders, ","), string.rep("lorem ipsum ", rnd(6)),
    i < n and "," or ""))
end
out:write("]\n")
