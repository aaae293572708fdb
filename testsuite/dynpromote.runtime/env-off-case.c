/* Purpose: DYNPROMOTE's words are taken in any case: DYNPROMOTE=OFF
   switches the runtime off like DYNPROMOTE=off (before, it was refused
   with a warning and the runtime stayed on).  Twin: env-off.c.  */
/* { dg-do run } */
/* { dg-set-env DYNPROMOTE OFF } */

#include "dp-test.h"

typedef long (*fn) (long);
NOIPA long dbl (long x) { return 2 * x; }

int
main (void)
{
  CHECK (dynpromote_enabled () == 0);
  fn f = HIDE (dbl);
  for (long i = 0; i < 1000; i++)
    CHECK (f (i) == 2 * i);
  return 0;
}

/* { dg-final { scan-stats {^process pid=\d+ exe=\S+ status=disabled$} } } */
/* { dg-final { scan-stderr-not {dynpromote: warning} } } */
