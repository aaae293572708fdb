/* static_call.c - ns per call through a static call, in one build.

   Built several ways by bench/static-call and run interleaved:

     -DSC_STATIC   static_call (op) (x)   (with the plugin: the call is
                   patched to a direct call; without: the generic
                   implementation, a call through the key's pointer)
     -DSC_DIRECT   a direct call of the same function
     -DSC_POINTER  a call through a function pointer the compiler cannot
                   see through

   usage: static_call [CALLS [CHUNK]]   prints "BEST MEDIAN" ns per call:
   the fastest and the median chunk of CHUNK calls (default 2e7 calls in
   chunks of 1e5; on a shared machine the fastest chunk is the figure
   least hurt by other load).  */

#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <dynpromote/static_call.h>

#include "bench-util.h"

__attribute__ ((noipa)) long add3 (long x);
__attribute__ ((noipa)) long
add3 (long x)
{
  return x + 3;
}

DEFINE_STATIC_CALL (op, add3);
long (*volatile pointer) (long) = add3;
volatile long sink;

__attribute__ ((noipa)) long
run (long n)
{
  long acc = 0;
#ifdef SC_POINTER
  long (*f) (long) = pointer;
#endif
  for (long i = 0; i < n; i++)
    {
#if defined SC_STATIC
      acc = static_call (op) (acc);
#elif defined SC_DIRECT
      acc = add3 (acc);
#else
      acc = f (acc);
#endif
    }
  return acc;
}

int
main (int argc, char **argv)
{
  long calls = argc > 1 ? (long) strtod (argv[1], NULL) : 20000000;
  long chunk = argc > 2 ? (long) strtod (argv[2], NULL) : 100000;
  if (calls < chunk || chunk < 1)
    {
      fprintf (stderr, "usage: %s [CALLS [CHUNK]]\n", argv[0]);
      return 2;
    }
#ifdef SC_STATIC
  /* Make the runtime patch the call at run time, as an application that
     chooses its implementation at start-up would.  */
  static_call_update (op, add3);
#endif
  sink = run (chunk);		/* warm up */
  long n = calls / chunk;
  double *t = malloc (n * sizeof *t);
  if (!t)
    return 1;
  for (long i = 0; i < n; i++)
    {
      double s = now ();
      sink += run (chunk);
      t[i] = (now () - s) / chunk * 1e9;
    }
  qsort (t, n, sizeof *t, by_value);
  printf ("%.3f %.3f\n", t[0], t[n / 2]);
  return 0;
}
