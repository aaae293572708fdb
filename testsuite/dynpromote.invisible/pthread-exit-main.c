/* Purpose: main promotes a site and then calls pthread_exit (NULL).  The
   program has no other thread, so the process must end at once, with
   status 0 (glibc calls exit (0) when the last thread is gone).  A
   thread of the runtime's own would keep it alive forever, with every
   signal but SIGKILL pending, so the test runs in a child process and
   the parent watches: once the child says it is calling pthread_exit,
   it has 5 s (a hang guard) to end, else it is killed and the test
   fails.  The child's dump, written at its exit, shows the promotion.  */
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

int
main (void)
{
  int ending[2];
  CHECK (pipe (ending) == 0);
  pid_t pid = fork ();
  CHECK (pid >= 0);
  if (pid == 0)
    {
      inv_run_until (1, 0);
      CHECK (write (ending[1], "x", 1) == 1);
      pthread_exit (NULL);
    }

  close (ending[1]);
  inv_watch_exit (pid, ending[0], "process after pthread_exit in main");
}

/* { dg-output "ended with status 0" } */
/* { dg-final { scan-stats {^promoter promotions=[1-9]} } } */
/* { dg-final { scan-stats {^site [^\n]* func=inv_site kind=[a-z]* state=promoted } } } */
