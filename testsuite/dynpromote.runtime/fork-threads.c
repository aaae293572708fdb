/* Purpose: fork while other threads are inside rewritten calls and in
   the runtime's sampling path (period 1): the children must not hang on
   a lock a vanished thread held, and must be able to make rewritten
   calls and dump statistics.  Twenty forks; each child gets 20 seconds
   (alarm) to finish.  */
/* { dg-do run } */
/* { dg-set-env DYNPROMOTE_SAMPLE_PERIOD 1 } */

#include <pthread.h>
#include <sys/wait.h>
#include "dp-test.h"

typedef long (*fn) (long);
static volatile long sink;
static volatile int stop;
NOIPA long inc (long x) { return x + 1; }
NOIPA long site (fn f, long x) { long r = f (x); sink = r; return r; }

static void *
hammer (void *arg)
{
  (void) arg;
  for (long i = 0; !stop; i++)
    if (site (HIDE (inc), i) != i + 1)
      abort ();
  return NULL;
}

int
main (void)
{
  pthread_t th[3];
  for (int t = 0; t < 3; t++)
    CHECK (pthread_create (&th[t], NULL, hammer, NULL) == 0);

  for (int k = 0; k < 20; k++)
    {
      pid_t pid = fork ();
      CHECK (pid >= 0);
      if (pid == 0)
	{
	  alarm (20);
	  for (long i = 0; i < 10000; i++)
	    if (site (HIDE (inc), i) != i + 1)
	      _exit (3);
	  char path[4096];
	  snprintf (path, sizeof path, "%s/child-%d.txt", dp_test_dir (), k);
	  if (dynpromote_dump_stats (path) != 0)
	    _exit (4);
	  _exit (0);
	}
      int status;
      CHECK (waitpid (pid, &status, 0) == pid);
      if (!WIFEXITED (status) || WEXITSTATUS (status) != 0)
	{
	  fprintf (stderr, "child %d failed: status %#x\n", k, status);
	  abort ();
	}
    }
  stop = 1;
  for (int t = 0; t < 3; t++)
    CHECK (pthread_join (th[t], NULL) == 0);
  puts ("forks ok");
  return 0;
}

/* { dg-output "forks ok" } */
/* { dg-final { scan-stats {^site [^\n]* func=site kind=call } } } */
