/* Purpose: %p in DYNPROMOTE_STATS becomes the process id, so a parent
   and its forked child each write their own dump at exit, each naming
   its own pid.  */
/* { dg-do run } */
/* { dg-set-env DYNPROMOTE_STATS "@DIR@/stats.%p.txt" } */

#include <sys/wait.h>
#include "dp-test.h"

typedef int (*fn) (int);
NOIPA int sq (int x) { return x * x; }

int
main (void)
{
  fn f = HIDE (sq);
  for (int i = 0; i < 100; i++)
    CHECK (f (i) == i * i);
  pid_t child = fork ();
  CHECK (child >= 0);
  if (child == 0)
    {
      for (int i = 0; i < 10; i++)
	CHECK (f (i) == i * i);
      exit (0);
    }
  int status;
  CHECK (waitpid (child, &status, 0) == child);
  CHECK (WIFEXITED (status) && WEXITSTATUS (status) == 0);

  char path[4096], want[64];
  snprintf (path, sizeof path, "%s/stats.%ld.txt", dp_test_dir (),
	    (long) child);
  char *s = dp_read_file (path);
  CHECK (s != NULL);
  snprintf (want, sizeof want, "process pid=%ld ", (long) child);
  CHECK (strstr (s, want) != NULL);
  CHECK (dp_stats_site (s, "main", 0) != NULL);
  free (s);
  printf ("parent %ld\n", (long) getpid ());
  return 0;
}

/* { dg-final { scan-stats-times {^# dynpromote-stats v1$} 2 } } */
/* { dg-final { scan-stats-times {^process pid=\d+ } 2 } } */
