/* Purpose: valgrind in its default mode (memcheck, --smc-check=stack)
   runs translations of code it has already seen, so code the runtime
   rewrites must be announced to it (VALGRIND_DISCARD_TRANSLATIONS after
   every code store), or calls keep going where the old code sent them.
   One site changes target in phases, so trampolines are built, retired,
   reused and the call re-pointed many times; every result is checked.
   With the announcements taken out of the runtime (a mutation), this
   test reports wrong calls at -O0 and -O2 (0 natively); a longer run of
   the same shape had 271117 wrong of 1.6 million.  memcheck must report
   nothing (--error-exitcode; the runtime before this test had memcheck
   errors in its probe handler).  */
/* { dg-do run } */
/* Promotion is the precondition here; without retpolines a
   monomorphic or uniform site would be left to the predictor.  */
/* { dg-set-env DYNPROMOTE_TRUST_PREDICTOR 0 } */
/* { dg-run-under valgrind -q --error-exitcode=99 } */
/* { dg-set-env DYNPROMOTE_LEARN_PERIOD 1 } */
/* { dg-set-env DYNPROMOTE_DECIDE_SAMPLES 16 } */
/* { dg-set-env DYNPROMOTE_SAMPLE_PERIOD 8 } */
/* { dg-set-env DYNPROMOTE_RELEARN_WINDOW 16 } */
/* { dg-set-env DYNPROMOTE_REPATCH_INTERVAL_MS 0 } */
/* { dg-set-env DYNPROMOTE_MAX_REPATCH 1000 } */
/* { dg-run-timeout 300 } */

#include "dp-test.h"

typedef long (*fn) (long);
NOIPA long f0 (long x) { return 3 * x; }
NOIPA long f1 (long x) { return 3 * x + 1; }
NOIPA long f2 (long x) { return 3 * x + 2; }
static fn const targets[3] = { f0, f1, f2 };

NOIPA long site (fn f, long x) { return f (x) + 1; }

int
main (void)
{
  long wrong = 0;
  for (int phase = 0; phase < 12; phase++)
    for (long i = 0; i < 20000; i++)
      {
	int k = phase % 3;
	if (site (HIDE (targets[k]), i) != 3 * i + k + 1)
	  wrong++;
      }
  printf ("wrong=%ld\n", wrong);
  CHECK (wrong == 0);
  return 0;
}

/* The runtime really re-patched the site under valgrind.  */
/* { dg-final { scan-stats {^promoter promotions=([2-9]|[1-9][0-9]+) relearns=[1-9]} } } */
/* { dg-final { scan-stdout {^wrong=0$} } } */
