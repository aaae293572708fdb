/* Purpose: main promotes a site, starts two threads that make rewritten
   calls through it (each its own phases, so it misses) and calls
   pthread_exit (NULL); when the last of them returns from its start
   routine the process must end, with status 0.  A thread of the
   runtime's own would keep it alive, so the test runs in a child process
   and the parent watches: once the last thread says it is returning, the
   child has 5 s (a hang guard) to end, else it is killed and the test
   fails.  */
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

static int ending[2];
static int finished;

static void *
worker (void *arg)
{
  long id = (long) arg;
  for (long p = 0; p < 25; p++)
    inv_phase_ms (p + id, 2);
  if (__atomic_add_fetch (&finished, 1, __ATOMIC_SEQ_CST) == 2)
    CHECK (write (ending[1], "x", 1) == 1);
  return NULL;
}

int
main (void)
{
  CHECK (pipe (ending) == 0);
  pid_t pid = fork ();
  CHECK (pid >= 0);
  if (pid == 0)
    {
      inv_run_until (1, 0);
      pthread_t th[2];
      for (long t = 0; t < 2; t++)
	CHECK (pthread_create (&th[t], NULL, worker, (void *) t) == 0);
      pthread_exit (NULL);
    }

  close (ending[1]);
  inv_watch_exit (pid, ending[0], "process after its last thread");
}

/* { dg-output "ended with status 0" } */
/* { dg-final { scan-stats {^promoter promotions=[1-9]} } } */
