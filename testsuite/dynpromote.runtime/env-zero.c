/* Purpose: DYNPROMOTE=0 switches the runtime off: the program computes
   the same results through its rewritten calls, dynpromote_enabled()
   says 0, nothing is learnt, and the dump (still written) says
   status=disabled with every site state=off and no targets.  */
/* { dg-do run } */
/* { dg-set-env DYNPROMOTE 0 } */
/* { dg-set-env DYNPROMOTE_SAMPLE_PERIOD 1 } */

#include "dp-test.h"

typedef long (*fn) (long);
NOIPA long dbl (long x) { return 2 * x; }
NOIPA long tpl (long x) { return 3 * x; }

int
main (void)
{
  long s = 0;
  CHECK (dynpromote_enabled () == 0);
  for (long i = 0; i < 1000; i++)
    s += HIDE (i & 1 ? dbl : tpl) (i);
  CHECK (s == 2 * 250000 + 3 * 249500);
  char *snap = dp_stats_now ();
  CHECK (strstr (snap, " status=disabled") != NULL);
  CHECK (strstr (snap, "  target ") == NULL);
  free (snap);
  puts ("off ok");
  return 0;
}

/* { dg-output "off ok" } */
/* { dg-final { scan-stats {^process pid=\d+ [^\n]*status=disabled$} } } */
/* { dg-final { scan-stats {^site [^\n]* func=main kind=call state=off } } } */
/* { dg-final { scan-stats-not {state=(learning|idle)} } } */
/* { dg-final { scan-stats-not {^  target } } } */
/* { dg-final { scan-stderr-not {.} } } */
/* { dg-final { scan-assembler {\tcall\t\.Ldp_(?:entry|hit|guard)_\d+$} } } */
