/* Purpose: after fork the child's rewritten calls keep working and keep
   learning in the child's own copy of the state (its dump shows its own
   calls), while the parent's counts are not changed by the child.  */
/* { dg-do run } */
/* Promotion is the precondition here; without retpolines a
   monomorphic site would be left to the predictor.  */
/* { dg-set-env DYNPROMOTE_TRUST_PREDICTOR 0 } */
/* { dg-set-env DYNPROMOTE_SAMPLE_PERIOD 1 } */

#include <sys/wait.h>
#include "dp-test.h"

typedef long (*fn) (long);
static volatile long sink;
NOIPA long inc (long x) { return x + 1; }
NOIPA long dec (long x) { return x - 1; }
NOIPA long site (fn f, long x) { long r = f (x); sink = r; return r; }

int
main (void)
{
  for (long i = 0; i < 1000; i++)
    CHECK (site (inc, i) == i + 1);

  pid_t pid = fork ();
  CHECK (pid >= 0);
  if (pid == 0)
    {
      for (long i = 0; i < 3000; i++)
	if (site (dec, i) != i - 1)
	  _exit (3);
      char path[4096];
      snprintf (path, sizeof path, "%s/child.txt", dp_test_dir ());
      if (dynpromote_dump_stats (path) != 0)
	_exit (4);
      _exit (0);
    }
  int status;
  CHECK (waitpid (pid, &status, 0) == pid);
  CHECK (WIFEXITED (status) && WEXITSTATUS (status) == 0);

  char path[4096];
  snprintf (path, sizeof path, "%s/child.txt", dp_test_dir ());
  char *child = dp_read_file (path);
  CHECK (child != NULL);
  const char *line = dp_stats_site (child, "site", 0);
  CHECK (line != NULL);
  /* The child's state starts as a copy of the parent's (4000) or fresh
     (3000); either way it counted its own calls.  */
  long ccalls = dp_stats_num (line, "calls");
  CHECK (ccalls == 4000 || ccalls == 3000);
  CHECK (strstr (child, " sym=dec ") != NULL);
  free (child);

  for (long i = 0; i < 500; i++)
    CHECK (site (inc, i) == i + 1);
  char *mine = dp_stats_now ();
  line = dp_stats_site (mine, "site", 0);
  CHECK (line != NULL);
  CHECK (dp_stats_num (line, "calls") == 1500);
  CHECK (strstr (mine, " sym=dec ") == NULL);
  free (mine);
  return 0;
}

/* { dg-final { scan-stats {^  target [^\n]* sym=inc (\S+ )*samples=\d+ share=100\.0%( off=0x[0-9a-f]+)?$} } } */
