/* Purpose: a secondary thread forks.  In the child that thread is the
   only one: it makes rewritten calls through the promoted site (in a
   new phase, so the site misses and learns again there) and returns from
   its start routine, after which glibc ends the child with exit (0)
   because no thread is left.  A thread of the runtime's own in the child
   would keep it alive forever.  The parent polls for the child's end for
   at most 5 s (a hang guard), then kills it and fails.  */
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
/* { dg-run-timeout 40 } */

#include <pthread.h>
#include "inv-test.h"

static pid_t child;

static void *
forker (void *arg)
{
  (void) arg;
  child = fork ();
  CHECK (child >= 0);
  if (child == 0)
    {
      /* The child: calls of three phases, all checked (a wrong result
	 aborts), then the only thread returns.  */
      for (long p = 1; p <= 3; p++)
	inv_phase (p, 20000);
      return NULL;
    }
  return NULL;
}

int
main (void)
{
  inv_run_until (1, 0);
  pthread_t th;
  CHECK (pthread_create (&th, NULL, forker, NULL) == 0);
  CHECK (pthread_join (th, NULL) == 0);

  int status = inv_wait_child (child, 5, "child whose only thread returned");
  CHECK (status != -1);
  if (!WIFEXITED (status) || WEXITSTATUS (status) != 0)
    {
      fprintf (stderr, "child ended with status %#x\n", status);
      abort ();
    }
  puts ("child ended with status 0");
  return 0;
}

/* { dg-output "child ended with status 0" } */
/* { dg-final { scan-stats {^promoter promotions=[1-9]} } } */
