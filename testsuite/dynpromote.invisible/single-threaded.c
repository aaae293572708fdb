/* Purpose: a single-threaded program stays single-threaded: the runtime
   starts no thread of its own, before main or later, whatever promotion
   work it does.  __libc_single_threaded (which glibc clears for good at
   the first pthread_create, and which lets libstdc++ and others skip
   atomics) must stay 1, and /proc/self/status must say "Threads: 1",
   at start, after every phase while the site is promoted and relearnt,
   and after a statistics dump.  */
/* { dg-do run } */
/* { dg-set-env DYNPROMOTE_LEARN_PERIOD 1 } */
/* { dg-set-env DYNPROMOTE_DECIDE_SAMPLES 4 } */
/* { dg-set-env DYNPROMOTE_SAMPLE_PERIOD 1 } */
/* { dg-set-env DYNPROMOTE_MAX_TARGETS 1 } */
/* { dg-set-env DYNPROMOTE_TRUST_PREDICTOR 0 } */
/* { dg-set-env DYNPROMOTE_RELEARN_WINDOW 8 } */
/* { dg-set-env DYNPROMOTE_REPATCH_INTERVAL_MS 0 } */
/* { dg-set-env DYNPROMOTE_MAX_REPATCH 60000 } */
/* { dg-set-env DYNPROMOTE_RECHECK_MS 1 } */

#include <sys/single_threaded.h>
#include "inv-test.h"

static void
check_single (const char *when, long phase)
{
  int threads = inv_threads ();
  if (__libc_single_threaded != 1 || threads != 1)
    {
      fprintf (stderr, "%s %ld: __libc_single_threaded=%d Threads: %d\n",
	       when, phase, (int) __libc_single_threaded, threads);
      abort ();
    }
}

int
main (void)
{
  check_single ("start", 0);
  double deadline = inv_now () + INV_HANG_SECONDS;
  long phase = 0;
  struct dynpromote_counters c;
  for (;;)
    {
      c = inv_counters ();
      if (c.promotions >= 3 && c.relearns >= 2)
	break;
      CHECK (inv_now () < deadline);
      inv_phase_ms (phase, 2);
      check_single ("phase", phase++);
    }
  free (dp_stats_now ());
  check_single ("dump", phase);
  printf ("single-threaded throughout; promotions=%llu relearns=%llu\n",
	  c.promotions, c.relearns);
  return 0;
}

/* { dg-output "single-threaded throughout" } */
/* { dg-final { scan-stats {^promoter promotions=[1-9][0-9]* relearns=[1-9]} } } */
