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

#include <poll.h>
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

  /* The watcher: _exit, so that its own dump leaves the child's alone.  */
  close (ending[1]);
  struct pollfd p = { ending[0], POLLIN, 0 };
  CHECK (poll (&p, 1, (INV_HANG_SECONDS + 10) * 1000) == 1);
  int status = inv_wait_child (pid, 5, "process after pthread_exit in main");
  if (status == -1)
    _exit (1);
  if (!WIFEXITED (status) || WEXITSTATUS (status) != 0)
    {
      fprintf (stderr, "child ended with status %#x\n", status);
      _exit (1);
    }
  puts ("ended with status 0");
  fflush (stdout);
  _exit (0);
}

/* { dg-output "ended with status 0" } */
/* { dg-final { scan-stats {^promoter promotions=[1-9]} } } */
/* { dg-final { scan-stats {^site [^\n]* func=inv_site kind=[a-z]* state=promoted } } } */
