/* Purpose: the public API: dynpromote_enabled() is 1 by default;
   dynpromote_dump_stats(PATH) writes the dump now (counts grow between
   two dumps), to "stderr" too, and returns -1 with errno set for a path
   it cannot write, without disturbing the program (and without blaming
   DYNPROMOTE_STATS, which is not set here).  */
/* { dg-unset-env DYNPROMOTE_STATS } */
/* { dg-do run } */
/* { dg-set-env DYNPROMOTE_SAMPLE_PERIOD 1 } */

#include <errno.h>
#include "dp-test.h"

typedef int (*fn) (int);
static volatile int sink;

NOIPA int inc (int x) { return x + 1; }
NOIPA int hot (fn f, int x) { int r = f (x); sink = r; return r; }

int
main (void)
{
  CHECK (dynpromote_enabled () == 1);

  for (int i = 0; i < 100; i++)
    CHECK (hot (inc, i) == i + 1);
  char *first = dp_stats_now ();
  CHECK (strncmp (first, "# dynpromote-stats v1\n", 22) == 0);
  const char *line = dp_stats_site (first, "hot", 0);
  CHECK (line != NULL);
  CHECK (dp_stats_num (line, "calls") == 100);
  CHECK (strstr (first, " sym=inc ") != NULL);

  for (int i = 0; i < 50; i++)
    CHECK (hot (inc, i) == i + 1);
  char *second = dp_stats_now ();
  line = dp_stats_site (second, "hot", 0);
  CHECK (line != NULL);
  CHECK (dp_stats_num (line, "calls") == 150);

  errno = 0;
  CHECK (dynpromote_dump_stats ("/nonexistent-dp-dir/sub/x.txt") == -1);
  CHECK (errno != 0);

  CHECK (dynpromote_dump_stats ("stderr") == 0);
  free (first);
  free (second);
  puts ("api ok");
  return 0;
}

/* { dg-output "api ok" } */
/* { dg-final { scan-stderr {^# dynpromote-stats v1$} } } */
/* { dg-final { scan-stderr {^site [^\n]* func=hot kind=call [^\n]*calls=150 } } } */
/* { dg-final { scan-stderr-not {DYNPROMOTE_STATS} } } */
