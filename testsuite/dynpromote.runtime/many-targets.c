/* Purpose: a site with eight equally hot targets (Lua's luaD_precall
   calling its C functions) in a plain build: the trampoline holds the
   default four (DYNPROMOTE_TRUST_PREDICTOR=0 makes the site promote at
   all; a plain build would otherwise leave it to the branch predictor),
   the other half of the calls miss to the indirect jump, and every call
   reaches the function it asked for.  Twin of many-targets-retpoline.c,
   where the default is eight.  */
/* { dg-do run } */
/* { dg-set-env DYNPROMOTE_LEARN_PERIOD 1 } */
/* { dg-set-env DYNPROMOTE_SAMPLE_PERIOD 10 } */
/* { dg-set-env DYNPROMOTE_TRUST_PREDICTOR 0 } */
/* { dg-set-env DYNPROMOTE_COVERAGE 100 } */
/* { dg-set-env DYNPROMOTE_RECHECK_MS 0 } */

#include <time.h>
#include "dp-test.h"

#ifndef EXPECT_TARGETS
# define EXPECT_TARGETS 4
#endif

typedef long (*fn) (long);
#define T(i) NOIPA static long m##i (long x) { return x * 16 + i; }
T (0) T (1) T (2) T (3) T (4) T (5) T (6) T (7)
#undef T
static const fn eight[8] = { m0, m1, m2, m3, m4, m5, m6, m7 };

NOIPA long precall (fn f, long x) { return f (x) + 1; }

int
main (void)
{
  for (int round = 0; round < 500; round++)
    {
      /* All eight, equally often, in an order that is not a short
	 cycle.  */
      for (long i = 0; i < 16000; i++)
	{
	  int k = (int) ((i * 5 + i / 8) % 8);
	  CHECK (precall (HIDE (eight[k]), i) == i * 16 + k + 1);
	}
      char *stats = dp_stats_now ();
      const char *site = dp_stats_site (stats, "precall", 0);
      if (site && strstr (site, " state=promoted "))
	{
	  int promoted = dp_stats_count (stats, " promoted=1 ");
	  printf ("promoted targets: %d\n", promoted);
	  CHECK (promoted == EXPECT_TARGETS);
	  free (stats);
	  /* Promoted: every call still reaches its own target.  */
	  for (long i = 0; i < 100000; i++)
	    {
	      int k = (int) ((i * 3 + i / 8) % 8);
	      CHECK (precall (HIDE (eight[k]), i) == i * 16 + k + 1);
	    }
	  puts ("many-targets ok");
	  return 0;
	}
      free (stats);
      struct timespec ts = { 0, 10 * 1000000 };
      nanosleep (&ts, NULL);
    }
  CHECK (!"the site was not promoted in 5 s");
  return 1;
}

/* { dg-output "promoted targets: 4\[^\n\]*\nmany-targets ok" } */
/* { dg-final { scan-stats {^site [^\n]* func=precall [^\n]*state=promoted } } } */
