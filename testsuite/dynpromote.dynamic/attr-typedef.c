/* Purpose: two calls through a DYNPROMOTE_SHARED typedef in one unit are
   two sites that reference one state, __dynpromote_shared_v3_ops,
   defined once (comdat, hidden, 64-aligned, with the family name after
   its 256 bytes); the sites keep their own stubs and records.  */
/* { dg-do compile } */

#include <dynpromote.h>

typedef int (*op_fn) (int) DYNPROMOTE_SHARED (ops);

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

/* { dg-final { scan-assembler-times {^__dynpromote_shared_v3_ops:$} 1 } } */
/* { dg-final { scan-assembler-times {\.pushsection \.data\.__dynpromote_shared_v3_ops,"awG",@progbits,__dynpromote_shared_v3_ops,comdat} 1 } } */
/* { dg-final { scan-assembler {\.hidden __dynpromote_shared_v3_ops$} } } */
/* { dg-final { scan-assembler {\.string "ops"} } } */
/* { dg-final { scan-assembler-times {\.long __dynpromote_shared_v3_ops - \.$} 2 } } */
/* { dg-final { scan-assembler-times {\tcall\t\.Ldp_(?:entry|hit|guard)_\d+$} 2 } } */
/* { dg-final { scan-assembler-not {\.Ldp_state_} } } */
