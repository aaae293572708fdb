-- Numbers: integer/float arithmetic, math library, integer division and
-- modulo, bitwise operators, conversions; a small sieve and a matrix
-- product.
local N = 200000
local sieve = {}
for i = 2, N do sieve[i] = true end
for i = 2, math.floor(math.sqrt(N)) do
  if sieve[i] then for j = i * i, N, i do sieve[j] = false end end
end
local c = 0
for i = 2, N do if sieve[i] then c = c + 1 end end
print("primes", c)

local function matmul(a, b, n)
  local r = {}
  for i = 1, n do
    r[i] = {}
    for j = 1, n do
      local s = 0.0
      for k = 1, n do s = s + a[i][k] * b[k][j] end
      r[i][j] = s
    end
  end
  return r
end
local n = 60
local a, b = {}, {}
for i = 1, n do a[i], b[i] = {}, {} for j = 1, n do a[i][j] = (i + j) % 7 / 3; b[i][j] = (i * j) % 5 - 2 end end
local m = matmul(a, b, n)
print("matmul", string.format("%.6f %.6f", m[1][1], m[n][n]))
print(7 // 2, -7 // 2, 7 % -3, 7.5 // 2, 2^10, 1 << 62, 0xff ~ 0x0f, ~0, 5 >> 1)
print(math.maxinteger, math.mininteger, math.tointeger(3.0), math.type(1), math.type(1.0), math.type("1"))
print(string.format("%.10f %.10f %.10f", math.sin(1), math.log(10, 2), math.exp(1.5)))
print(tonumber("0x10"), tonumber("10", 2), tonumber("  12  "), tonumber("z", 36), 10 == 10.0, math.ult(1, -1))
local h = 0
for i = 1, 100000 do h = (h ~ (i * 2654435761)) & 0xffffffff end
print("hash", h)
