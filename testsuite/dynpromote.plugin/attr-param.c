/* Purpose: DYNPROMOTE_OFF on a function-pointer parameter leaves calls
   through that parameter plain; the twin parameter is rewritten.  */
/* { dg-do compile } */

#include <dynpromote.h>

__attribute__ ((noipa)) int
apply (int (*off_f) (int) DYNPROMOTE_OFF, int (*on_f) (int), int x)
{
  int a = off_f (x);
  int b = on_f (x);
  return a * b;
}

/* { dg-final { scan-assembler-times {\tcall\t\*(?!__dynpromote_sample@GOTPCREL)} 1 } } */
/* { dg-final { scan-assembler-times {\tcall\t\.Ldp_(?:entry|hit|guard)_\d+$} 1 } } */
/* { dg-final { scan-rtl-dump {skipped call in apply at \S*attr-param\.c:10: [^\n]*dynpromote_off} } } */
/* { dg-final { scan-rtl-dump {rewritten call site \d+ in apply at \S*attr-param\.c:11} } } */
