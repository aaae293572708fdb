/* Purpose: a DYNPROMOTE value that is none of on/off/1/0 gives exactly
   one warning line naming the variable and the value, and the program
   runs on with the default (runtime on).  */
/* { dg-do run } */
/* { dg-set-env DYNPROMOTE maybe } */

#include "dp-test.h"

typedef long (*fn) (long);
NOIPA long dbl (long x) { return 2 * x; }

int
main (void)
{
  CHECK (dynpromote_enabled () == 1);
  for (long i = 0; i < 100; i++)
    CHECK (HIDE (dbl) (i) == 2 * i);
  puts ("still running");
  return 0;
}

/* { dg-output "still running" } */
/* { dg-final { scan-stderr {^dynpromote: warning: [^\n]*DYNPROMOTE=maybe} } } */
/* { dg-final { scan-stderr-times {^.+$} 1 } } */
/* { dg-final { scan-stats {status=enabled} } } */
