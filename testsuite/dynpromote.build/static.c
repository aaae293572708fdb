/* Purpose: a fully static program (-static, the runtime from
   libdynpromote.a): sites register, calls work, and the dump names the
   targets (symbolised from the executable itself).  */
/* { dg-do run } */
/* { dg-options "-static" } */
/* { dg-set-env DYNPROMOTE_SAMPLE_PERIOD 1 } */

#include "dp-test.h"

typedef long (*fn) (long);
static volatile long sink;
NOIPA long inc (long x) { return x + 1; }
NOIPA long site (fn f, long x) { long r = f (x); sink = r; return r; }

int
main (void)
{
  for (long i = 0; i < 100; i++)
    CHECK (site (inc, i) == i + 1);
  CHECK (dynpromote_enabled ());
  return 0;
}

/* { dg-final { scan-assembler {\tcall\t\.Ldp_(?:entry|hit|guard)_\d+$} } } */
/* { dg-final { scan-stats {^object path=\S*[/]static\.exe abi=3 sites=\d+ state=loaded build_id=[0-9a-f]+$} } } */
/* { dg-final { scan-stats {^site [^\n]* func=site kind=call state=\w+ calls=100 } } } */
/* { dg-final { scan-stats {^  target [^\n]* sym=inc } } } */
