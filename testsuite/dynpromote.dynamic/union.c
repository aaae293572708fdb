/* Purpose: two call sites in two units (union.c, union-aux.c) of one
   family share one learning state: each site calls a different half of
   the family's four functions, and the shared state promotes all four
   (the union) into one trampoline that both sites use.  The dump shows
   the family once, with its targets and sites=2; each site line says
   shared=ops and has no target lines.  Every call checks its result.  */
/* { dg-do run } */
/* Promotion is the precondition here; without retpolines a
   monomorphic or uniform site would be left to the predictor.  */
/* { dg-set-env DYNPROMOTE_TRUST_PREDICTOR 0 } */
/* { dg-additional-sources "union-aux.c" } */
/* { dg-set-env DYNPROMOTE_LEARN_PERIOD 1 } */
/* { dg-set-env DYNPROMOTE_SAMPLE_PERIOD 10 } */

#include <time.h>
#include "dp-test.h"

typedef long (*op_fn) (long) DYNPROMOTE_SHARED (ops);
extern long call_b (op_fn f, long x);

NOIPA long f0 (long x) { return x + 1; }
NOIPA long f1 (long x) { return x + 2; }
NOIPA long f2 (long x) { return x + 3; }
NOIPA long f3 (long x) { return x + 4; }

NOIPA long
call_a (op_fn f, long x)
{
  return f (x);
}

int
main (void)
{
  int done = 0;
  for (int round = 0; round < 500 && !done; round++)
    {
      for (long i = 0; i < 4000; i++)
	{
	  CHECK (call_a (HIDE (i & 1 ? f1 : f0), i) == i + 1 + (i & 1));
	  CHECK (call_b (HIDE (i & 1 ? f3 : f2), i) == i + 3 + (i & 1));
	}
      char *stats = dp_stats_now ();
      const char *shared = strstr (stats, "\nshared family=ops ");
      done = shared && strstr (shared, " state=promoted ")
	     && dp_stats_count (stats, " promoted=1 ") == 4;
      free (stats);
      if (!done)
	{
	  struct timespec ts = { 0, 10000000 };
	  nanosleep (&ts, NULL);
	}
    }
  CHECK (done);
  /* Both sites now hit the family's trampoline.  */
  for (long i = 0; i < 20000; i++)
    {
      CHECK (call_a (HIDE (i & 1 ? f1 : f0), i) == i + 1 + (i & 1));
      CHECK (call_b (HIDE (i & 1 ? f3 : f2), i) == i + 3 + (i & 1));
    }
  puts ("union ok");
  return 0;
}

/* { dg-output "union ok" } */
/* { dg-final { scan-stats-times {^shared family=ops sites=2 state=promoted } 1 } } */
/* { dg-final { scan-stats {^shared family=ops [^\n]*\n(  target [^\n]* promoted=1 [^\n]*\n){4}site } } } */
/* { dg-final { scan-stats {sym=f0 promoted=1 } } } */
/* { dg-final { scan-stats {sym=f3 promoted=1 } } } */
/* { dg-final { scan-stats-times {^  target } 4 } } */
/* { dg-final { scan-stats {^site [^\n]* func=call_a [^\n]*state=promoted [^\n]* shared=ops\nsite } } } */
/* { dg-final { scan-stats {^site [^\n]* func=call_b [^\n]*state=promoted [^\n]* shared=ops\n} } } */
