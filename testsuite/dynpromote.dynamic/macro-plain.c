/* Purpose: without the plugin (plain gcc), DYNPROMOTE_SHARED expands to
   nothing and DECLARE_DYNAMIC_CALL/dynamic_call still declare and call:
   the same source builds and runs.  */
/* { dg-do run } */
/* { dg-plugin off } */
/* { dg-runtime none } */

#include "dp-test.h"

DECLARE_DYNAMIC_CALL (cmd, int (*) (int));
typedef int (*op_fn) (int) DYNPROMOTE_SHARED (ops);

NOIPA static int twice (int x) { return 2 * x; }

int
main (void)
{
  op_fn f = HIDE (twice);
  CHECK (dynamic_call (cmd, HIDE (twice)) (21) == 42);
  CHECK (f (4) == 8);
  puts ("plain ok");
  return 0;
}

/* { dg-output "plain ok" } */
/* { dg-final { scan-assembler-not {__dynpromote_shared_v3_} } } */
