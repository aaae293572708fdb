/* Purpose: without retpolines, a site whose targets the branch
   predictor is expected to predict better than any compare chain
   (60/20/5/5/4/3/2/1 over eight targets: about 0.59 mispredictions per
   call for the indirect branch, 0.68 for the best chain) is left on the
   plain indirect path (state=predicted, counted on the promoter line),
   and its calls still reach their targets; so is a monomorphic site
   (no misprediction either way: a tie goes to the predictor, whose
   indirect call costs less than the trampoline); a site the chain
   serves clearly better (80/20: 0.32 against 0.20, a gain over the
   0.05 the promoter asks for) is promoted.  Twins:
   predicted-retpoline.c (with retpolines all three are promoted) and
   predicted-off.c (DYNPROMOTE_TRUST_PREDICTOR=0).  Every call is
   sampled and the pattern repeats every 100 calls, so the shares are
   exact.  */
/* { dg-do run } */
/* { dg-set-env DYNPROMOTE_LEARN_PERIOD 1 } */
/* { dg-set-env DYNPROMOTE_DECIDE_SAMPLES 200 } */
/* No recheck: the verdict must hold until it is looked at (recheck.c
   covers rechecks).  */
/* { dg-set-env DYNPROMOTE_RECHECK_MS 0 } */

#include <time.h>
#include "dp-test.h"

typedef long (*fn) (long);
#define T(i) NOIPA static long t##i (long x) { return x * 10 + i; }
T (0) T (1) T (2) T (3) T (4) T (5) T (6) T (7)
#undef T
static const fn targets[8] = { t0, t1, t2, t3, t4, t5, t6, t7 };

NOIPA long eight (fn f, long x) { return f (x) + 1; }
NOIPA long two (fn f, long x) { return f (x) + 1; }
NOIPA long mono (fn f, long x) { return f (x) + 1; }

static const int w8[8] = { 60, 20, 5, 5, 4, 3, 2, 1 };
static const int w2[2] = { 80, 20 };

int
main (void)
{
  for (int round = 0; round < 100; round++)
    {
      for (long i = 0; i < 2000; i++)
	{
	  int k = dp_pick_share (i, w8, 8);
	  CHECK (eight (HIDE (targets[k]), i) == i * 10 + k + 1);
	  k = dp_pick_share (i, w2, 2);
	  CHECK (two (HIDE (targets[k]), i) == i * 10 + k + 1);
	  CHECK (mono (HIDE (targets[3]), i) == i * 10 + 3 + 1);
	}
      char *stats = dp_stats_now ();
      /* dp_stats_site returns one static line: test each in turn.  */
      const char *site = dp_stats_site (stats, "eight", 0);
      int done = site && !strstr (site, " state=learning ");
      site = dp_stats_site (stats, "two", 0);
      done = done && site && !strstr (site, " state=learning ");
      site = dp_stats_site (stats, "mono", 0);
      done = done && site && !strstr (site, " state=learning ");
      free (stats);
      if (done)
	break;
      struct timespec ts = { 0, 10000000 };
      nanosleep (&ts, NULL);
    }
  puts ("predicted ok");
  return 0;
}

/* { dg-output "predicted ok" } */
/* { dg-final { scan-stats {^promoter [^\n]* predicted=2 } } } */
/* { dg-final { scan-stats {^site [^\n]* func=eight [^\n]*state=predicted } } } */
/* { dg-final { scan-stats {^site [^\n]* func=mono [^\n]*state=predicted } } } */
/* { dg-final { scan-stats {^site [^\n]* func=two [^\n]*state=promoted } } } */
