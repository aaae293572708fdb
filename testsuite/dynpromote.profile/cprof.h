/* cprof.h - the program the compile-time promotion tests compile with a
   profile (-fplugin-arg-dynpromote-profile=).  One indirect call site,
   call_site, sees hot nine calls in ten and cold the tenth; call_two has
   two calls at one source location (a macro), f_first's and g_first's.
   The #line below pins the locations the profiles (*.stats here) name,
   whatever is edited above it:
     cprof-site.c:1003:10  call_site's call
     cprof-site.c:1008:10  call_two's two calls (same location)  */

#include "dp-test.h"

typedef long (*fn) (long);

/* hot can be inlined; cold has external linkage and stays a call.  */
static long hot (long x) { return x + 1; }
NOIPA long cold (long x) { return x * 3; }
static long first (long x) { return x - 5; }
static long second (long x) { return x * 7; }

static fn const both[2] = { hot, cold };

#define BOTH(f, g, x) (f (x) + g (x))

/* Attributes of call_site and call_two (retpoline-attribute.c).  */
#ifndef CPROF_SITE_ATTRS
# define CPROF_SITE_ATTRS
#endif

#line 1000 "cprof-site.c"
NOIPA CPROF_SITE_ATTRS long
call_site (fn f, long x)
{
  return f (x) + 1;
}
NOIPA CPROF_SITE_ATTRS long
call_two (fn f, fn g, long x)
{
  return BOTH (f, g, x);
}
#line 30 "cprof.h"

/* N calls of call_site, every tenth with cold; checks every result.  */
static void
drive (long n)
{
  for (long i = 0; i < n; i++)
    {
      int is_cold = i % 10 == 9;
      CHECK (call_site (HIDE (both[is_cold]), i)
	     == (is_cold ? i * 3 : i + 1) + 1);
      CHECK (call_two (HIDE (first), HIDE (second), i) == i - 5 + i * 7);
    }
}

/* The run tests' program: drive (1000), then "ok".  They set
   DYNPROMOTE_TRUST_PREDICTOR=0: every site is promoted (none left to
   the predictor), so its calls= counts every call that reaches it.  */
#define CPROF_MAIN                                                      \
  int main (void) { drive (1000); puts ("ok"); return 0; }
