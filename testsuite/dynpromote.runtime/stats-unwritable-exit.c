/* Purpose: as stats-unwritable.c, but the path's directory is a regular
   file (ENOTDIR) and the program leaves through exit(5) from inside a
   function called through a rewritten call.  */
/* { dg-do run } */
/* { dg-set-env DYNPROMOTE_STATS /dev/null/stats.txt } */
/* { dg-exit-status 5 } */

#include "dp-test.h"

typedef void (*fn) (int);
NOIPA void leave (int code) { exit (code); }

int
main (void)
{
  fn f = HIDE (leave);
  f (5);
  abort ();
}

/* { dg-final { scan-stderr {^dynpromote: warning: [^\n]*[/]dev/null/stats\.txt} } } */
/* { dg-final { scan-stderr-times {^.+$} 1 } } */
