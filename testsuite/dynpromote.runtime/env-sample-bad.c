/* Purpose: DYNPROMOTE_SAMPLE_PERIOD=0 (out of 1..1000000) gives exactly
   one warning line naming the variable; the program runs on and the
   runtime still learns with the default period.  */
/* { dg-do run } */
/* { dg-set-env DYNPROMOTE_SAMPLE_PERIOD 0 } */

#include "dp-test.h"

typedef long (*fn) (long);
NOIPA long dbl (long x) { return 2 * x; }

int
main (void)
{
  for (long i = 0; i < 100000; i++)
    CHECK (HIDE (dbl) (i) == 2 * i);
  puts ("still running");
  return 0;
}

/* { dg-output "still running" } */
/* { dg-final { scan-stderr {^dynpromote: warning: DYNPROMOTE_SAMPLE_PERIOD=0} } } */
/* { dg-final { scan-stderr-times {^.+$} 1 } } */
/* { dg-final { scan-stats {^  target [^\n]* sym=dbl } } } */
