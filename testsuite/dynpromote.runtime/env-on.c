/* Purpose: DYNPROMOTE=on keeps the runtime on (the default), silently.  */
/* { dg-do run } */
/* { dg-set-env DYNPROMOTE on } */

#include "dp-test.h"

typedef long (*fn) (long);
NOIPA long dbl (long x) { return 2 * x; }

int
main (void)
{
  CHECK (dynpromote_enabled () == 1);
  for (long i = 0; i < 100; i++)
    CHECK (HIDE (dbl) (i) == 2 * i);
  return 0;
}

/* { dg-final { scan-stats {^process pid=\d+ [^\n]*status=enabled$} } } */
/* { dg-final { scan-stats {^  target [^\n]* sym=dbl } } } */
/* { dg-final { scan-stderr-not {.} } } */
