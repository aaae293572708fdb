/* Purpose: a promoted family whose target moves learns again as one:
   both members are pointed back at learning, the trampoline is retired
   once, and the family is promoted to the new target (promotions=2 on
   the shared record, one relearn in the promoter's totals).  */
/* { dg-do run } */
/* Promotion is the precondition here; without retpolines a
   monomorphic or uniform site would be left to the predictor.  */
/* { dg-set-env DYNPROMOTE_TRUST_PREDICTOR 0 } */
/* { dg-set-env DYNPROMOTE_LEARN_PERIOD 1 } */
/* { dg-set-env DYNPROMOTE_SAMPLE_PERIOD 10 } */
/* { dg-set-env DYNPROMOTE_REPATCH_INTERVAL_MS 1 } */

#include <time.h>
#include "dp-test.h"

typedef long (*fam_fn) (long) DYNPROMOTE_SHARED (moving);
NOIPA static long inc (long x) { return x + 1; }
NOIPA static long dbl (long x) { return x * 2; }

NOIPA long one (fam_fn f, long x) { return f (x) + 0; }
NOIPA long two (fam_fn f, long x) { return f (x) + 0; }

static void
drive (fam_fn f, long mul, long add, long promotions)
{
  for (int round = 0; round < 500; round++)
    {
      for (long i = 0; i < 10000; i++)
	{
	  CHECK (one (HIDE (f), i) == mul * i + add);
	  CHECK (two (HIDE (f), i) == mul * i + add);
	}
      char *stats = dp_stats_now ();
      const char *shared = strstr (stats, "\nshared family=moving ");
      int done = shared && strstr (shared, " state=promoted ")
		 && dp_stats_num (shared, "promotions") == promotions;
      free (stats);
      if (done)
	return;
      struct timespec ts = { 0, 10000000 };
      nanosleep (&ts, NULL);
    }
  CHECK (!"the promoter did not act in 5 s");
}

int
main (void)
{
  drive (inc, 1, 1, 1);
  drive (dbl, 2, 0, 2);
  puts ("relearn ok");
  return 0;
}

/* { dg-output "relearn ok" } */
/* { dg-final { scan-stats {^promoter promotions=2 relearns=1 } } } */
/* { dg-final { scan-stats {^shared family=moving sites=2 state=promoted [^\n]* promotions=2 repatches=1 [^\n]*\n  target [^\n]*sym=dbl promoted=1 } } } */
/* { dg-final { scan-stats-times {^site [^\n]* promotions=2 [^\n]* shared=moving\n} 2 } } */
