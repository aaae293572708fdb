/* Purpose: DYNPROMOTE_SHARED on a struct field, a variable, a parameter
   and a function type typedef; each names its own family, and a call
   through a plain pointer next to them keeps its own state.  */
/* { dg-do compile } */

#include <dynpromote.h>

struct dev
{
  int (*irq) (int) DYNPROMOTE_SHARED (irq);
  int (*plain) (int);
};
int (*hook) (int) DYNPROMOTE_SHARED (hook);
typedef int handler_fn (int) DYNPROMOTE_SHARED (handler);

__attribute__ ((noipa)) int
use_field (struct dev *d)
{
  return d->irq (1) + d->plain (2);
}

__attribute__ ((noipa)) int
use_variable (void)
{
  return hook (3) + 1;
}

__attribute__ ((noipa)) int
use_param (int (*cb) (int) DYNPROMOTE_SHARED (param))
{
  return cb (4) + 1;
}

__attribute__ ((noipa)) int
use_fntype (handler_fn *h)
{
  return h (5) + 1;
}

/* { dg-final { scan-assembler-times {\.long __dynpromote_shared_v3_irq - \.$} 1 } } */
/* { dg-final { scan-assembler-times {\.long __dynpromote_shared_v3_hook - \.$} 1 } } */
/* { dg-final { scan-assembler-times {\.long __dynpromote_shared_v3_param - \.$} 1 } } */
/* { dg-final { scan-assembler-times {\.long __dynpromote_shared_v3_handler - \.$} 1 } } */
/* { dg-final { scan-assembler-times {^\.Ldp_state_\d+:$} 1 } } */
/* { dg-final { scan-assembler-times {\tcall\t\.Ldp_(?:entry|hit|guard)_\d+$} 5 } } */
