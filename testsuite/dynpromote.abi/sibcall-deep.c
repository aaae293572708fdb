/* Purpose: an indirect tail recursion ten million calls deep does not
   grow the stack: each sibcall stays a direct jmp to its entry, and the
   entry reaches the target with a jmp too.  The stack is limited to
   512 KiB first, so any byte pushed per level (80 MB in all) would crash
   the test.  Forced to -O2: -O0 makes no sibcalls.  */
/* { dg-do run } */
/* { dg-options "-O2 -foptimize-sibling-calls" } */

#include <sys/resource.h>
#include "dp-test.h"

#define DEPTH 10000000L

typedef long (*step_fn) (long n, long acc);
extern step_fn volatile steps[2];

NOIPA long
even_step (long n, long acc)
{
  if (n == 0)
    return acc;
  return steps[(n - 1) & 1] (n - 1, acc + 1);
}

NOIPA long
odd_step (long n, long acc)
{
  if (n == 0)
    return acc;
  return steps[(n - 1) & 1] (n - 1, acc + 3);
}

step_fn volatile steps[2] = { even_step, odd_step };

int
main (void)
{
  struct rlimit rl;
  CHECK (getrlimit (RLIMIT_STACK, &rl) == 0);
  rl.rlim_cur = 512 * 1024;
  CHECK (setrlimit (RLIMIT_STACK, &rl) == 0);

  /* steps[n & 1] runs level n: odd levels add 3, even levels 1.  */
  long r = steps[DEPTH & 1] (DEPTH, 0);
  CHECK (r == DEPTH / 2 * 3 + DEPTH / 2 * 1);
  printf ("depth %ld ok\n", DEPTH);
  return 0;
}

/* { dg-output "depth 10000000 ok" } */
/* { dg-final { scan-assembler {\tjmp\t\.Ldp_(?:entry|hit|guard)_\d+$} } } */
/* { dg-final { scan-assembler-not {\tjmp\t\*(?!%r11$)} } } */
/* { dg-final { scan-stats {^site [^\n]* func=even_step kind=sibcall } } } */
/* { dg-final { scan-stats {^site [^\n]* func=odd_step kind=sibcall } } } */
/* { dg-final { scan-stats {^\s+target [^\n]*sym=odd_step } } } */
