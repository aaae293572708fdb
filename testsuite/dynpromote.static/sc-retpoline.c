/* Purpose: in a retpoline build the trampoline's fallback jump is a
   retpoline too (-mindirect-branch=thunk: dynpromote's own thunk), and
   the fallback path, forced with DYNPROMOTE=off, reaches the right
   function before and after updates.  */
/* { dg-do run } */
/* { dg-options "-mindirect-branch=thunk -fcf-protection=none" } */
/* { dg-set-env DYNPROMOTE off } */

#include "sc-test.h"

NOIPA long add1 (long x) { return x + 1; }
NOIPA long mul2 (long x) { return x * 2; }
DEFINE_STATIC_CALL (op, add1);

int
main (void)
{
  for (long i = 0; i < 1000; i++)
    {
      CHECK (static_call (op) (i) == i + 1);
      static_call_update (op, mul2);
      CHECK (static_call (op) (i) == i * 2);
      static_call_update (op, add1);
    }
  puts ("retpoline ok");
  return 0;
}

/* { dg-output "retpoline ok" } */
/* { dg-final { scan-assembler {movq\t8\(%r11\), %r11\n\tjmp\t__dynpromote_thunk_r11\n} } } */
/* { dg-final { scan-assembler-not {\tjmp\t\*%r11} } } */
