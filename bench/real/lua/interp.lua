-- interp.lua - a tiny language: a tokenizer, a recursive-descent parser to
-- an AST, and a tree-walking evaluator that dispatches on node type through
-- a table of functions; then a JSON encoder/decoder round trip.
local N = tonumber(arg and arg[1]) or 1

local function tokenize(src)
  local toks, pos = {}, 1
  while pos <= #src do
    local c = src:sub(pos, pos)
    if c:match("%s") then pos = pos + 1
    elseif c:match("%d") then
      local s, e = src:find("^%d+", pos)
      toks[#toks + 1] = {t = "num", v = tonumber(src:sub(s, e))}; pos = e + 1
    elseif c:match("%a") then
      local s, e = src:find("^%w+", pos)
      toks[#toks + 1] = {t = "id", v = src:sub(s, e)}; pos = e + 1
    else toks[#toks + 1] = {t = c}; pos = pos + 1 end
  end
  toks[#toks + 1] = {t = "eof"}
  return toks
end

-- expr := term (('+'|'-') term)* ; term := unary (('*'|'%') unary)*
-- unary := num | id | '(' expr ')' | 'if' expr 'then' expr 'else' expr
local function parse(toks)
  local i = 1
  local expr
  local function peek() return toks[i].t end
  local function take() i = i + 1; return toks[i - 1] end
  local function unary()
    local tk = take()
    if tk.t == "num" then return {k = "num", v = tk.v}
    elseif tk.t == "id" and tk.v == "if" then
      local c = expr(); take(); local a = expr(); take(); local b = expr()
      return {k = "if", c = c, a = a, b = b}
    elseif tk.t == "id" then return {k = "var", v = tk.v}
    else local e = expr(); take(); return e end
  end
  local function term()
    local l = unary()
    while peek() == "*" or peek() == "%" do
      local op = take().t
      l = {k = op == "*" and "mul" or "mod", l = l, r = unary()}
    end
    return l
  end
  function expr()
    local l = term()
    while peek() == "+" or peek() == "-" do
      local op = take().t
      l = {k = op == "+" and "add" or "sub", l = l, r = term()}
    end
    return l
  end
  return expr()
end

local eval
local ops = {
  num = function(n) return n.v end,
  var = function(n, env) return env[n.v] end,
  add = function(n, env) return eval(n.l, env) + eval(n.r, env) end,
  sub = function(n, env) return eval(n.l, env) - eval(n.r, env) end,
  mul = function(n, env) return eval(n.l, env) * eval(n.r, env) % 100003 end,
  mod = function(n, env) return eval(n.l, env) % (eval(n.r, env) % 97 + 1) end,
  ["if"] = function(n, env)
    if eval(n.c, env) % 2 == 0 then return eval(n.a, env) end
    return eval(n.b, env)
  end,
}
function eval(n, env) return ops[n.k](n, env) end

local function encode(v, out)
  local ty = type(v)
  if ty == "table" then
    if #v > 0 then
      out[#out + 1] = "["
      for i = 1, #v do if i > 1 then out[#out + 1] = "," end encode(v[i], out) end
      out[#out + 1] = "]"
    else
      local keys = {}
      for k in pairs(v) do keys[#keys + 1] = k end
      table.sort(keys)
      out[#out + 1] = "{"
      for i, k in ipairs(keys) do
        if i > 1 then out[#out + 1] = "," end
        out[#out + 1] = string.format("%q:", k); encode(v[k], out)
      end
      out[#out + 1] = "}"
    end
  elseif ty == "string" then out[#out + 1] = string.format("%q", v)
  else out[#out + 1] = tostring(v) end
end

local function decode(s)
  local pos = 1
  local value
  local function ws() pos = s:find("[^ \n]", pos) or #s + 1 end
  local function str()
    local e = s:find('"', pos + 1, true)
    local r = s:sub(pos + 1, e - 1); pos = e + 1
    return r
  end
  function value()
    ws()
    local c = s:sub(pos, pos)
    if c == "{" then
      pos = pos + 1; local t = {}
      ws()
      if s:sub(pos, pos) == "}" then pos = pos + 1; return t end
      repeat
        ws(); local k = str(); ws(); pos = pos + 1
        t[k] = value(); ws()
        c = s:sub(pos, pos); pos = pos + 1
      until c == "}"
      return t
    elseif c == "[" then
      pos = pos + 1; local t = {}
      repeat
        t[#t + 1] = value(); ws()
        c = s:sub(pos, pos); pos = pos + 1
      until c == "]"
      return t
    elseif c == '"' then return str()
    else
      local a, b = s:find("^-?[%d.]+", pos); pos = b + 1
      return tonumber(s:sub(a, b))
    end
  end
  return value()
end

local progs = {
  "x * y + 3 * (x - y) % 7",
  "if x then y * y + 1 else (x + y) * (x + 2) - y",
  "((x + 1) * (y + 2) * (x + 3)) % (y + 11) + if y then x else 7",
  "x * x * x - y * y + x * y % 13 - (x % 5) * (y % 3)",
}
local sum = 0
for round = 1, 60 * N do
  local asts = {}
  for r = 1, 30 do
    for i, p in ipairs(progs) do asts[#asts + 1] = parse(tokenize(p .. " + " .. r)) end
  end
  for x = 1, 60 do
    local env = {x = x + round, y = x * 3 % 17}
    for i = 1, #asts do sum = (sum + eval(asts[i], env)) % 1000000007 end
  end
  local doc = {}
  for i = 1, 400 do
    doc[i] = {id = i, name = "n" .. i, vals = {i, i * 2, i * 3}, sub = {a = i % 7, b = "s" .. i}}
  end
  local out = {}
  encode(doc, out)
  local text = table.concat(out)
  local back = decode(text)
  sum = sum + #text + #back + back[round % 400 + 1].vals[2]
end
print("interp " .. sum)
