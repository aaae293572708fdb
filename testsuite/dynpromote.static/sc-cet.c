/* Purpose: under -fcf-protection the trampoline starts with endbr64:
   static_call (name) is also a function pointer (to the trampoline) that
   the program may call indirectly; that call, its updates and the
   inline calls all reach the key's function.  */
/* { dg-do run } */
/* { dg-options "-fcf-protection=full" } */

#include "sc-test.h"

NOIPA long add1 (long x) { return x + 1; }
NOIPA long mul2 (long x) { return x * 2; }
DEFINE_STATIC_CALL (op, add1);

typedef long (*fn) (long);
NOIPA long call_ptr (fn f, long x) { return f (x); }

int
main (void)
{
  fn f = static_call (op);
  CHECK (call_ptr (HIDE (f), 4) == 5 && static_call (op) (4) == 5);
  static_call_update (op, mul2);
  CHECK (call_ptr (HIDE (f), 4) == 8 && static_call (op) (4) == 8);
  puts ("cet ok");
  return 0;
}

/* { dg-output "cet ok" } */
/* { dg-final { scan-assembler {__dynpromote_scall_tramp_op:\n\t\.cfi_startproc\n\tendbr64\n} } } */
