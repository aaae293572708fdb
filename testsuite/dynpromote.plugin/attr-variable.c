/* Purpose: DYNPROMOTE_OFF on a function-pointer variable (global, static
   local, automatic) leaves calls through it plain; the twin variables of
   the same type are rewritten.  */
/* { dg-do compile } */

#include <dynpromote.h>

int (*off_hook) (int) DYNPROMOTE_OFF;
int (*on_hook) (int);

__attribute__ ((noipa)) int
use_globals (void)
{
  int a = off_hook (1);
  int b = on_hook (2);
  return a + b;
}

__attribute__ ((noipa)) int
use_static_local (int (*init) (int))
{
  static int (*off_s) (int) DYNPROMOTE_OFF;
  static int (*on_s) (int);
  if (init)
    off_s = on_s = init;
  return off_s (3) + on_s (4);
}

__attribute__ ((noipa)) int
use_auto (int (*p) (int))
{
  int (*volatile off_v) (int) DYNPROMOTE_OFF = p;
  int (*volatile on_v) (int) = p;
  return off_v (5) + on_v (6);
}

/* { dg-final { scan-assembler-times {\tcall\t\*(?!__dynpromote_sample@GOTPCREL)} 3 } } */
/* { dg-final { scan-assembler-times {\tcall\t\.Ldp_(?:entry|hit|guard)_\d+$} 3 } } */
/* { dg-final { scan-rtl-dump {skipped call in use_globals at \S*attr-variable\.c:14: [^\n]*dynpromote_off} } } */
/* { dg-final { scan-rtl-dump {rewritten call site \d+ in use_globals at \S*attr-variable\.c:15} } } */
/* { dg-final { scan-rtl-dump {skipped call in use_static_local at [^\n]*dynpromote_off} } } */
/* { dg-final { scan-rtl-dump {rewritten call site \d+ in use_static_local at } } } */
/* { dg-final { scan-rtl-dump {skipped call in use_auto at [^\n]*dynpromote_off} } } */
/* { dg-final { scan-rtl-dump {rewritten call site \d+ in use_auto at } } } */
