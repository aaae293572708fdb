/* Purpose: DYNPROMOTE_SAMPLE_PERIOD=1000000, the largest legal period,
   is accepted silently; 100000 calls then take very few samples.  */
/* { dg-do run } */
/* { dg-set-env DYNPROMOTE_SAMPLE_PERIOD 1000000 } */
/* { dg-set-env DYNPROMOTE_LEARN_PERIOD 1000000 } */
/* (The promotion runtime samples learning sites at its own
   DYNPROMOTE_LEARN_PERIOD; it is set to the same period.)  */

#include "dp-test.h"

typedef long (*fn) (long);
static volatile long sink;
NOIPA long id (long x) { return x; }
NOIPA long hot (fn f, long x) { long r = f (x); sink = r; return r; }

int
main (void)
{
  for (long i = 0; i < 100000; i++)
    CHECK (hot (id, i) == i);
  char *snap = dp_stats_now ();
  const char *line = dp_stats_site (snap, "hot", 0);
  CHECK (line != NULL);
  CHECK (dp_stats_num (line, "samples") <= 10);
  free (snap);
  return 0;
}

/* { dg-final { scan-stderr-not {.} } } */
