/* Purpose: dynpromote_get_counters reports the promotion engine's work:
   a hot monomorphic site is promoted (promotions and patches grow), a
   NULL argument is refused with EINVAL, and the counters agree with the
   statistics dump's promoter line.  */
/* { dg-do run } */
/* Promotion is the precondition here; without retpolines a
   monomorphic or uniform site would be left to the predictor.  */
/* { dg-set-env DYNPROMOTE_TRUST_PREDICTOR 0 } */
/* { dg-set-env DYNPROMOTE_LEARN_PERIOD 1 } */

#include <errno.h>
#include <time.h>
#include "dp-test.h"

typedef long (*fn) (long);
NOIPA static long inc (long x) { return x + 1; }
NOIPA long apply (fn f, long x) { return f (x); }

int
main (void)
{
  struct dynpromote_counters before, after;
  CHECK (dynpromote_get_counters (&before) == 0);
  errno = 0;
  CHECK (dynpromote_get_counters (NULL) == -1 && errno == EINVAL);

  /* Call until the promoter has acted (bounded: 5 s).  */
  for (int round = 0; round < 500; round++)
    {
      for (long i = 0; i < 10000; i++)
	CHECK (apply (HIDE (inc), i) == i + 1);
      CHECK (dynpromote_get_counters (&after) == 0);
      if (after.promotions > before.promotions)
	break;
      struct timespec ts = { 0, 10000000 };
      nanosleep (&ts, NULL);
    }
  CHECK (after.promotions > before.promotions);
  CHECK (after.patches >= after.promotions);

  char *stats = dp_stats_now ();
  CHECK (stats != NULL);
  const char *line = strstr (stats, "\npromoter ");
  CHECK (line != NULL);
  CHECK (dp_stats_num (line + 1, "promotions") >= (long) after.promotions);
  puts ("counters ok");
  return 0;
}

/* { dg-output "counters ok" } */
/* { dg-final { scan-stats {^site [^\n]* func=apply [^\n]*state=promoted } } } */
