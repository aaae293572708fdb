/* Purpose: DYNPROMOTE_STATS=stdout writes the dump at exit to standard
   output, after everything the program printed there, and no file named
   "stdout" (before, it did).  Twin: stats-stderr.c.  */
/* { dg-do run } */
/* { dg-set-env DYNPROMOTE_STATS stdout } */

#include <unistd.h>
#include "dp-test.h"

typedef int (*fn) (int);
NOIPA int neg (int x) { return -x; }

int
main (void)
{
  fn f = HIDE (neg);
  for (int i = 0; i < 100; i++)
    CHECK (f (i) == -i);
  CHECK (access ("stdout", F_OK) != 0);
  printf ("program done\n");
  return 0;
}

/* { dg-final { scan-stdout {\Aprogram done\n# dynpromote-stats v1\nprocess pid=\d+ } } } */
/* { dg-final { scan-stdout {^site [^\n]* func=main kind=call } } } */
