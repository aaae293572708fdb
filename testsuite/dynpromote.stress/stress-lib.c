/* Companion of stress.c: a plugin-built shared object with its own sites,
   loaded and unloaded again and again during the storm.  lib_storm makes
   N checked calls and returns how many reached the wrong function.  */

#include "dp-test.h"

typedef long (*lib_fn) (long);

#define LIB_TARGET(k) NOIPA static long lt##k (long x) { return x * 7 + k; }
LIB_TARGET (0) LIB_TARGET (1) LIB_TARGET (2) LIB_TARGET (3)
static lib_fn const lib_targets[4] = { lt0, lt1, lt2, lt3 };

#define LIB_SITE(n) \
  NOIPA static long ls##n (lib_fn f, long x) { return f (x) ^ n; }
LIB_SITE (0) LIB_SITE (1) LIB_SITE (2) LIB_SITE (3)
LIB_SITE (4) LIB_SITE (5) LIB_SITE (6) LIB_SITE (7)
static long (*const lib_sites[8]) (lib_fn, long)
  = { ls0, ls1, ls2, ls3, ls4, ls5, ls6, ls7 };

long
lib_storm (long n, unsigned seed)
{
  long wrong = 0;
  for (long i = 0; i < n; i++)
    {
      seed = seed * 1103515245u + 12345u;
      int s = (seed >> 8) % 8, k = (seed >> 16) % 2 + (s & 2);
      if (lib_sites[s] (HIDE (lib_targets[k]), i) != ((i * 7 + k) ^ s))
	wrong++;
    }
  return wrong;
}
