/* Purpose: DYNPROMOTE_OFF on a function type (not a pointer type) leaves
   calls through pointers to that type plain; the twin is rewritten.  */
/* { dg-do compile } */

#include <dynpromote.h>

typedef int off_type (int) DYNPROMOTE_OFF;
typedef int on_type (int);

__attribute__ ((noipa)) int
use_off (off_type *f)
{
  return f (1) + 1;
}

__attribute__ ((noipa)) int
use_on (on_type *f)
{
  return f (1) + 1;
}

/* { dg-final { scan-assembler-times {\tcall\t\*(?!__dynpromote_sample@GOTPCREL)} 1 } } */
/* { dg-final { scan-assembler-times {\tcall\t\.Ldp_(?:entry|hit|guard)_\d+$} 1 } } */
/* { dg-final { scan-rtl-dump {skipped call in use_off at \S*attr-fntype\.c:13: [^\n]*dynpromote_off} } } */
/* { dg-final { scan-rtl-dump {rewritten call site \d+ in use_on at \S*attr-fntype\.c:19} } } */
