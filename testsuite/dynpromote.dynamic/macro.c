/* Purpose: the explicit form: DECLARE_DYNAMIC_CALL (name, type) and
   dynamic_call (name, fp) (args) make two calls, through pointers of a
   plain type, members of family cmd, at every -O level (the pointer
   goes through a variable of the family's type, which a cast alone
   would not survive).  The family is promoted and every call checks its
   result.  */
/* { dg-do run } */
/* Promotion is the precondition here; without retpolines a
   monomorphic or uniform site would be left to the predictor.  */
/* { dg-set-env DYNPROMOTE_TRUST_PREDICTOR 0 } */
/* { dg-set-env DYNPROMOTE_LEARN_PERIOD 1 } */
/* { dg-set-env DYNPROMOTE_SAMPLE_PERIOD 10 } */

#include <time.h>
#include "dp-test.h"

DECLARE_DYNAMIC_CALL (cmd, int (*) (int, int));

NOIPA static int add (int x, int y) { return x + y; }
NOIPA static int sub (int x, int y) { return x - y; }

NOIPA int
run_first (int (*fp) (int, int), int x)
{
  return dynamic_call (cmd, fp) (x, 3) + 1;
}

NOIPA int
run_second (int (*fp) (int, int), int x)
{
  return dynamic_call (cmd, fp) (x, 5) + 1;
}

/* A plain call beside them keeps its own state.  */
NOIPA int
run_plain (int (*fp) (int, int), int x)
{
  return fp (x, 7) + 1;
}

int
main (void)
{
  int done = 0;
  for (int round = 0; round < 500 && !done; round++)
    {
      for (int i = 0; i < 4000; i++)
	{
	  CHECK (run_first (HIDE (add), i) == i + 4);
	  CHECK (run_second (HIDE (sub), i) == i - 4);
	  CHECK (run_plain (HIDE (add), i) == i + 8);
	}
      char *stats = dp_stats_now ();
      const char *shared = strstr (stats, "\nshared family=cmd ");
      done = shared && strstr (shared, " state=promoted ")
	     && dp_stats_count (stats, " shared=cmd\n") == 2;
      free (stats);
      if (!done)
	{
	  struct timespec ts = { 0, 10000000 };
	  nanosleep (&ts, NULL);
	}
    }
  CHECK (done);
  puts ("macro ok");
  return 0;
}

/* { dg-output "macro ok" } */
/* { dg-final { scan-assembler-times {\.long __dynpromote_shared_v3_cmd - \.$} 2 } } */
/* { dg-final { scan-assembler-times {^\.Ldp_state_\d+:$} 1 } } */
/* { dg-final { scan-stats {^shared family=cmd sites=2 state=promoted [^\n]*\n  target [^\n]*promoted=1 [^\n]*\n  target [^\n]*promoted=1 } } } */
/* { dg-final { scan-stats {^site [^\n]* func=run_plain [^\n]* route=\S+\n  target } } } */
