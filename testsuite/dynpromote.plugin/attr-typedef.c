/* Purpose: DYNPROMOTE_OFF on a function-pointer typedef leaves calls
   through that type plain; the twin typedef is rewritten.  */
/* { dg-do compile } */

#include <dynpromote.h>

typedef int (*off_ptr) (int) DYNPROMOTE_OFF;
typedef int (*on_ptr) (int);

__attribute__ ((noipa)) int
use_off (off_ptr f)
{
  return f (1) + 1;
}

__attribute__ ((noipa)) int
use_on (on_ptr f)
{
  return f (1) + 1;
}

struct table
{
  off_ptr a[2];
  on_ptr b[2];
};

__attribute__ ((noipa)) int
use_table (struct table *t, int i)
{
  return t->a[i & 1] (i) + t->b[i & 1] (i);
}

/* { dg-final { scan-assembler-times {\tcall\t\*(?!__dynpromote_sample@GOTPCREL)} 2 } } */
/* { dg-final { scan-assembler-times {\tcall\t\.Ldp_(?:entry|hit|guard)_\d+$} 2 } } */
/* { dg-final { scan-rtl-dump {skipped call in use_off at \S*attr-typedef\.c:13: [^\n]*dynpromote_off} } } */
/* { dg-final { scan-rtl-dump {rewritten call site \d+ in use_on at \S*attr-typedef\.c:19} } } */
/* { dg-final { scan-rtl-dump {skipped call in use_table at \S*attr-typedef\.c:31: [^\n]*dynpromote_off} } } */
/* { dg-final { scan-rtl-dump {rewritten call site \d+ in use_table at \S*attr-typedef\.c:31} } } */
