/* Purpose: a site with four targets called 60/30/8/2 in a plain build
   (DYNPROMOTE_TRUST_PREDICTOR=0 makes it promote at all) promotes the
   fewest covering DYNPROMOTE_COVERAGE (80% here, far from both 60% and
   90%, so every window agrees): two.  Twin of
   skewed-targets-retpoline.c, where the site keeps all four.  */
/* { dg-do run } */
/* { dg-set-env DYNPROMOTE_LEARN_PERIOD 1 } */
/* { dg-set-env DYNPROMOTE_SAMPLE_PERIOD 10 } */
/* { dg-set-env DYNPROMOTE_TRUST_PREDICTOR 0 } */
/* { dg-set-env DYNPROMOTE_RECHECK_MS 0 } */
/* { dg-set-env DYNPROMOTE_MAX_REPATCH 0 } */
/* { dg-set-env DYNPROMOTE_COVERAGE 80 } */

#include <time.h>
#include "dp-test.h"

#ifndef EXPECT_TARGETS
# define EXPECT_TARGETS 2
#endif

typedef long (*fn) (long);
#define T(i) NOIPA static long m##i (long x) { return x * 16 + i; }
T (0) T (1) T (2) T (3)
#undef T
static const fn four[4] = { m0, m1, m2, m3 };

/* 60, 30, 8 and 2 calls in 100, spread out.  */
static int
pick (long i)
{
  int r = (int) ((i * 37) % 100);
  return r < 60 ? 0 : r < 90 ? 1 : r < 98 ? 2 : 3;
}

NOIPA long call_one (fn f, long x) { return f (x) + 1; }

int
main (void)
{
  for (int round = 0; round < 500; round++)
    {
      for (long i = 0; i < 20000; i++)
	{
	  int k = pick (i);
	  CHECK (call_one (HIDE (four[k]), i) == i * 16 + k + 1);
	}
      char *stats = dp_stats_now ();
      const char *site = dp_stats_site (stats, "call_one", 0);
      if (site && strstr (site, " state=promoted "))
	{
	  int promoted = dp_stats_count (stats, " promoted=1 ");
	  printf ("promoted targets: %d\n", promoted);
	  CHECK (promoted == EXPECT_TARGETS);
	  free (stats);
	  for (long i = 0; i < 100000; i++)
	    {
	      int k = pick (i * 3);
	      CHECK (call_one (HIDE (four[k]), i) == i * 16 + k + 1);
	    }
	  puts ("skewed-targets ok");
	  return 0;
	}
      free (stats);
      struct timespec ts = { 0, 10 * 1000000 };
      nanosleep (&ts, NULL);
    }
  CHECK (!"the site was not promoted in 5 s");
  return 1;
}

/* { dg-output "promoted targets: 2\[^\n\]*\nskewed-targets ok" } */
