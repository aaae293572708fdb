/* Purpose: a site that is never called is listed with state=idle, no
   calls and no targets, next to a site that was called.  */
/* { dg-do run } */

#include "dp-test.h"

typedef int (*fn) (int);
static volatile int sink;

NOIPA int never_called (fn f) { int r = f (1); sink = r; return r; }
NOIPA int called (fn f) { int r = f (2); sink = r; return r; }
NOIPA int twice (int x) { return 2 * x; }

int
main (int argc, char **argv)
{
  (void) argv;
  if (argc > 5)
    never_called (twice);
  for (int i = 0; i < 100; i++)
    CHECK (called (HIDE (twice)) == 4);
  return 0;
}

/* { dg-final { scan-stats {^site [^\n]* func=never_called kind=call state=idle calls=0 samples=0 } } } */
/* { dg-final { scan-stats {^site [^\n]* func=never_called [^\n]*\n(site |object |\Z)} } } */
/* { dg-final { scan-stats {^site [^\n]* func=called kind=call state=\w+ calls=[1-9]} } } */
/* { dg-final { scan-stats {^  target [^\n]* sym=twice } } } */
