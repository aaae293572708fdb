/* Purpose: negative twin of route-stub.c: with DYNPROMOTE=learn nothing
   is ever redirected, so the dump shows route=none for a hot site, and
   every call still reaches its target.  */
/* { dg-do run } */
/* { dg-set-env DYNPROMOTE learn } */
/* { dg-set-env DYNPROMOTE_LEARN_PERIOD 1 } */

#include "dp-test.h"

typedef long (*fn) (long);
NOIPA static long inc (long x) { return x + 1; }
NOIPA long phase (fn f, long x) { return f (x); }

int
main (void)
{
  for (long i = 0; i < 200000; i++)
    CHECK (phase (HIDE (inc), i) == i + 1);
  puts ("learn ok");
  return 0;
}

/* { dg-output "learn ok" } */
/* { dg-final { scan-stats {^site [^\n]* func=phase [^\n]*state=learning [^\n]* route=none\n} } } */
