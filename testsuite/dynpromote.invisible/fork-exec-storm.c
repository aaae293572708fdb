/* Purpose: no signal of the runtime is ever left pending across execve.
   3000 times, the main thread forks and the child, after a few rewritten
   calls (a varying number, so that the exec falls at every point of
   whatever the runtime does in a new child), runs /bin/true; meanwhile a
   second thread, and the main thread between forks, keep the site
   changing phase, so it is relearnt and re-promoted all along (grace
   periods, rechecks).  A signal pending at execve is delivered to the new
   image with the default action, which kills /bin/true; every child must
   exit with status 0.  Children that do not end within 10 s are killed
   (a hang guard).  */
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
/* { dg-run-timeout 120 } */

#include <pthread.h>
#include "inv-test.h"

#define CHILDREN 3000



int
main (void)
{
  inv_run_until (1, 1);
  pthread_t th;
  CHECK (pthread_create (&th, NULL, inv_caller, NULL) == 0);

  int bad = 0;			/* the first 10 are reported */
  for (int k = 0; k < CHILDREN; k++)
    {
      pid_t pid = fork ();
      CHECK (pid >= 0);
      if (pid == 0)
	{
	  inv_phase (k, k % 64);
	  execl ("/bin/true", "true", (char *) NULL);
	  _exit (127);
	}
      inv_phase ((long) (inv_now () * 250), 500);
      int status = inv_wait_child (pid, 10, "child");
      if (status == -1 || !WIFEXITED (status) || WEXITSTATUS (status) != 0)
	{
	  if (++bad > 10)
	    continue;
	  if (status != -1 && WIFSIGNALED (status))
	    fprintf (stderr, "child %d: killed by signal %d\n", k,
		     WTERMSIG (status));
	  else
	    fprintf (stderr, "child %d: status %#x\n", k, status);
	}
    }
  inv_stop = 1;
  CHECK (pthread_join (th, NULL) == 0);

  struct dynpromote_counters c = inv_counters ();
  printf ("%d children, %d failed; promotions=%llu relearns=%llu"
	  " grace_periods=%llu\n", CHILDREN, bad, c.promotions, c.relearns,
	  c.grace_periods);
  fflush (stdout);
  CHECK (bad == 0);
  CHECK (c.relearns > 0);
  return 0;
}

/* { dg-output "3000 children, 0 failed" } */
