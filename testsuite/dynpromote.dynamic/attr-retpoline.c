/* Purpose: the shared state's symbol carries the protection mode of the
   stubs that use it (.r for retpolines), so that a family's trampoline
   can fall back to any member's stub: sites of one family built with
   and without retpolines get different states.  */
/* { dg-do compile } */
/* { dg-options "-mindirect-branch=thunk" } */

#include <dynpromote.h>

typedef int (*op_fn) (int) DYNPROMOTE_SHARED (ops);

__attribute__ ((noipa)) int
protected_call (op_fn f)
{
  return f (1) + 1;
}

__attribute__ ((noipa, indirect_branch ("keep"))) int
plain_call (op_fn f)
{
  return f (2) + 1;
}

/* { dg-final { scan-assembler-times {\.long __dynpromote_shared_v3_ops\.r - \.$} 1 } } */
/* { dg-final { scan-assembler-times {\.long __dynpromote_shared_v3_ops - \.$} 1 } } */
/* { dg-final { scan-assembler-times {^__dynpromote_shared_v3_ops\.r:$} 1 } } */
/* { dg-final { scan-assembler-times {^__dynpromote_shared_v3_ops:$} 1 } } */
