/* cross-object-lazy-lib.c - the far target of cross-object-lazy.c: a
   function of a shared object the program is linked with, and its
   address as this object sees it (so the program takes no GOT slot of
   its own for it).  */

long
xo_parse (const char *s)
{
  long v = 0, sign = 1;
  if (*s == '-')
    sign = -1, s++;
  while (*s >= '0' && *s <= '9')
    v = v * 10 + (*s++ - '0');
  return sign * v;
}

long (*xo_parse_address (void)) (const char *)
{
  return xo_parse;
}
