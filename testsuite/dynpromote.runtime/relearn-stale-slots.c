/* Purpose: regression test for stale learning slots.  A relearn keeps
   the targets a site saw as a head start; once a site had moved through
   eight different targets, every slot held a stale one, every new
   target was counted as "other", and a site that had only moved on to
   two new targets was declared megamorphic for good (the stress test's
   forked child caught it: no site could be promoted any more).  Here one
   site moves through twelve pairs of targets, with a short burst of six
   other targets between two pairs (too short to relearn on, long enough
   to fill the slots with targets the next pair never calls); after
   every move it must be promoted again, to the new pair.  */
/* { dg-do run } */
/* Promotion is the precondition here; without retpolines a
   monomorphic or uniform site would be left to the predictor.  */
/* { dg-set-env DYNPROMOTE_TRUST_PREDICTOR 0 } */
/* { dg-set-env DYNPROMOTE_LEARN_PERIOD 1 } */
/* { dg-set-env DYNPROMOTE_SAMPLE_PERIOD 4 } */
/* { dg-set-env DYNPROMOTE_RELEARN_WINDOW 16 } */
/* { dg-set-env DYNPROMOTE_REPATCH_INTERVAL_MS 0 } */
/* { dg-set-env DYNPROMOTE_MAX_REPATCH 1000 } */

#include <time.h>
#include "dp-test.h"

typedef long (*fn) (long);
#define T(i) NOIPA static long m##i (long x) { return x * 31 + i; }
T (0) T (1) T (2) T (3) T (4) T (5) T (6) T (7) T (8) T (9) T (10) T (11)
T (12) T (13) T (14) T (15) T (16) T (17) T (18) T (19) T (20) T (21)
T (22) T (23)
#undef T
static const fn many[24] = { m0, m1, m2, m3, m4, m5, m6, m7, m8, m9, m10,
			     m11, m12, m13, m14, m15, m16, m17, m18, m19,
			     m20, m21, m22, m23 };

NOIPA long site (fn f, long x) { return f (x); }

int
main (void)
{
  for (int pair = 0; pair < 12; pair++)
    {
      int a = 2 * pair, b = 2 * pair + 1, done = 0;
      /* The burst: 24 calls, about 6 samples, under one relearn window.  */
      for (long i = 0; pair && i < 24; i++)
	{
	  int k = (a + 2 + (int) (i % 6)) % 24;
	  CHECK (site (HIDE (many[k]), i) == i * 31 + k);
	}
      for (int round = 0; round < 400 && !done; round++)
	{
	  for (long i = 0; i < 5000; i++)
	    {
	      int k = i & 1 ? a : b;
	      CHECK (site (HIDE (many[k]), i) == i * 31 + k);
	    }
	  char *stats = dp_stats_now ();
	  const char *line = dp_stats_site (stats, "site", 0);
	  CHECK (line != NULL);
	  CHECK (strstr (line, " state=megamorphic ") == NULL);
	  done = strstr (line, " state=promoted ") != NULL
		 && dp_stats_num (line, "promotions") > pair;
	  free (stats);
	  if (!done)
	    {
	      struct timespec ts = { 0, 5000000 };
	      nanosleep (&ts, NULL);
	    }
	}
      CHECK (done);
    }
  puts ("stale ok");
  return 0;
}

/* { dg-output "stale ok" } */
/* { dg-final { scan-stats {^site [^\n]* func=site [^\n]*state=promoted } } } */
