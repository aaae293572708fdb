/* Purpose: DYNPROMOTE_STATS naming a file that cannot be created gives
   one warning line naming the path, and the program's exit status is
   unchanged (7 here, returned from main).  */
/* { dg-do run } */
/* { dg-set-env DYNPROMOTE_STATS /nonexistent-dp-dir/sub/stats.txt } */
/* { dg-exit-status 7 } */

#include "dp-test.h"

typedef int (*fn) (int);
NOIPA int one (int x) { return x + 1; }

int
main (void)
{
  fn f = HIDE (one);
  for (int i = 0; i < 10; i++)
    CHECK (f (i) == i + 1);
  return 7;
}

/* { dg-final { scan-stderr {^dynpromote: warning: [^\n]*[/]nonexistent-dp-dir/sub/stats\.txt} } } */
/* { dg-final { scan-stderr-times {^.+$} 1 } } */
