/* Purpose: an align-calls build runs correctly and its sites are
   promoted as usual; every call of the program is a checked call.  */
/* { dg-do run } */
/* { dg-options "-fplugin-arg-dynpromote-align-calls" } */
/* { dg-set-env DYNPROMOTE_LEARN_PERIOD 1 } */

#include "dp-test.h"

typedef long (*fn) (long);
NOIPA static long inc (long x) { return x + 1; }
NOIPA static long dbl (long x) { return x * 2; }
NOIPA long apply (fn f, long x) { return f (x); }

int
main (void)
{
  for (long i = 0; i < 100000; i++)
    {
      CHECK (apply (HIDE (inc), i) == i + 1);
      CHECK (apply (HIDE (dbl), i) == i * 2);
    }
  puts ("aligned ok");
  return 0;
}

/* { dg-output "aligned ok" } */
/* { dg-final { scan-assembler {\.bundle_lock\n\.Ldp_call_\d+:} } } */
/* { dg-final { scan-stats {^site [^\n]* func=apply kind=(call|sibcall) } } } */
