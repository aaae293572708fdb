/* overhead.c - what an indirect call costs, per call, in one build.

   Built several ways by bench/overhead (plain, with the plugin, with
   retpolines, ...) and run interleaved, so the builds are compared side by
   side on the same noisy machine.  Shapes: "mono" calls one target,
   "poly4" cycles through four, "direct" makes a direct call (the floor).
   Prints one line: SHAPE NS_PER_CALL.  */

#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bench-util.h"

typedef long (*op_fn) (long);

__attribute__ ((noinline)) static long f0 (long x) { return x + 1; }
__attribute__ ((noinline)) static long f1 (long x) { return x ^ 3; }
__attribute__ ((noinline)) static long f2 (long x) { return x + 5; }
__attribute__ ((noinline)) static long f3 (long x) { return x ^ 7; }

/* volatile: the compiler must not see which function is called.  */
static op_fn volatile table[4] = { f0, f1, f2, f3 };

__attribute__ ((noinline)) static long
loop_indirect (long n, unsigned mask)
{
  long acc = 0;
  op_fn fns[4] = { table[0], table[1], table[2], table[3] };
  for (long i = 0; i < n; i++)
    acc = fns[i & mask] (acc);
  return acc;
}

__attribute__ ((noinline)) static long
loop_direct (long n)
{
  long acc = 0;
  for (long i = 0; i < n; i++)
    acc = f0 (acc);
  return acc;
}

int
main (int argc, char **argv)
{
  const char *shape = argc > 1 ? argv[1] : "mono";
  long n = argc > 2 ? atol (argv[2]) : 100000000;
  double t0 = now ();
  long r;
  if (!strcmp (shape, "direct"))
    r = loop_direct (n);
  else
    r = loop_indirect (n, !strcmp (shape, "poly4") ? 3 : 0);
  double t1 = now ();
  printf ("%s %.3f\n", shape, (t1 - t0) * 1e9 / n);
  return r == 42;		/* keep r alive */
}
