/* Purpose: DYNPROMOTE_STATS=stderr writes the dump at exit to standard
   error, after everything the program printed, and no file.  */
/* { dg-do run } */
/* { dg-set-env DYNPROMOTE_STATS stderr } */

#include "dp-test.h"

typedef int (*fn) (int);
NOIPA int neg (int x) { return -x; }

int
main (void)
{
  fn f = HIDE (neg);
  for (int i = 0; i < 100; i++)
    CHECK (f (i) == -i);
  fprintf (stderr, "program done\n");
  return 0;
}

/* { dg-final { scan-stderr {\Aprogram done\n# dynpromote-stats v1\nprocess pid=\d+ } } } */
/* { dg-final { scan-stderr {^site [^\n]* func=main kind=call } } } */
/* { dg-final { scan-stderr {^  target [^\n]* sym=neg } } } */
