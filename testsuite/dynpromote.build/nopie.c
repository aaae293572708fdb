/* Purpose: position-dependent executable (-fno-pie -no-pie): rewritten
   calls, sibcalls and their records (PC-relative, no text relocations)
   work at a fixed address; targets are named.  */
/* { dg-do run } */
/* { dg-options "-fno-pie -no-pie" } */
/* { dg-set-env DYNPROMOTE_SAMPLE_PERIOD 1 } */

#include "dp-test.h"

typedef long (*fn) (long);
static volatile long sink;
NOIPA long inc (long x) { return x + 1; }
NOIPA long site (fn f, long x) { long r = f (x); sink = r; return r; }
NOIPA long tail (fn f, long x) { return f (x); }

int
main (void)
{
  for (long i = 0; i < 100; i++)
    CHECK (site (inc, i) == i + 1 && tail (inc, i) == i + 1);
  return 0;
}

/* { dg-final { scan-stats {^site [^\n]* func=site kind=call state=\w+ calls=100 } } } */
/* { dg-final { scan-stats {^  target [^\n]* sym=inc } } } */
