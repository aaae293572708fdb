/* Purpose: DYNPROMOTE_OFF on a function leaves all its indirect calls
   plain, whether the attribute is on the definition or only on an earlier
   declaration; the twin without the attribute is rewritten.  */
/* { dg-do compile } */

#include <dynpromote.h>

typedef int (*fn) (int);

DYNPROMOTE_OFF __attribute__ ((noipa)) int
off_def (fn f)
{
  return f (1) + f (2);
}

DYNPROMOTE_OFF int off_decl (fn f);

__attribute__ ((noipa)) int
off_decl (fn f)
{
  return f (3) + 1;
}

__attribute__ ((noipa)) int
on_twin (fn f)
{
  return f (1) + f (2);
}

/* { dg-final { scan-assembler-times {\tcall\t\*(?!__dynpromote_sample@GOTPCREL)} 3 } } */
/* { dg-final { scan-assembler-times {\tcall\t\.Ldp_(?:entry|hit|guard)_\d+$} 2 } } */
/* { dg-final { scan-rtl-dump-times {skipped call in off_def at \S*attr-function\.c:13: [^\n]*dynpromote_off} 2 } } */
/* { dg-final { scan-rtl-dump {skipped call in off_decl at \S*attr-function\.c:21: [^\n]*dynpromote_off} } } */
/* { dg-final { scan-rtl-dump-times {rewritten call site \d+ in on_twin at \S*attr-function\.c:27} 2 } } */
