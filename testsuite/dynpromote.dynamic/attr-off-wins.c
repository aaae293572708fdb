/* Purpose: DYNPROMOTE_OFF wins over DYNPROMOTE_SHARED: a call through a
   shared typedef loaded from an opted-out variable, or through a
   pointer carrying both, stays a plain indirect call; the shared call
   next to it is rewritten.  */
/* { dg-do compile } */

#include <dynpromote.h>

typedef int (*op_fn) (int) DYNPROMOTE_SHARED (ops);
op_fn quiet DYNPROMOTE_OFF;
int (*both) (int) DYNPROMOTE_SHARED (ops) DYNPROMOTE_OFF;

__attribute__ ((noipa)) int
use_quiet (void)
{
  return quiet (1) + 1;
}

__attribute__ ((noipa)) int
use_both (void)
{
  return both (1) + 1;
}

__attribute__ ((noipa)) int
use_shared (op_fn f)
{
  return f (1) + 1;
}

/* { dg-final { scan-assembler-times {\tcall\t\*(?!__dynpromote_sample@GOTPCREL)} 2 } } */
/* { dg-final { scan-assembler-times {\.long __dynpromote_shared_v3_ops - \.$} 1 } } */
/* { dg-final { scan-rtl-dump {skipped call in use_quiet at \S*attr-off-wins\.c:16: [^\n]*dynpromote_off} } } */
/* { dg-final { scan-rtl-dump {skipped call in use_both at \S*attr-off-wins\.c:22: [^\n]*dynpromote_off} } } */
/* { dg-final { scan-rtl-dump {rewritten call site \d+ in use_shared at \S*attr-off-wins\.c:28} } } */
