/* Purpose: the twin of attr-typedef.c without the attribute: each site
   has its own state and no shared state is emitted.  */
/* { dg-do compile } */

#include <dynpromote.h>

typedef int (*op_fn) (int);

__attribute__ ((noipa)) int
first (op_fn f)
{
  return f (1) + 1;
}

__attribute__ ((noipa)) int
second (op_fn f)
{
  return f (2) + 2;
}

/* { dg-final { scan-assembler-not {__dynpromote_shared_v3_} } } */
/* { dg-final { scan-assembler-times {^\.Ldp_state_\d+:$} 2 } } */
/* { dg-final { scan-assembler-times {\tcall\t\.Ldp_(?:entry|hit|guard)_\d+$} 2 } } */
