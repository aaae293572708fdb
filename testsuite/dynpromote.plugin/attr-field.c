/* Purpose: DYNPROMOTE_OFF on a struct field leaves calls through that
   field plain (through a pointer to the struct, through a copy, in an
   array of structs); the twin field of the same struct is rewritten.  */
/* { dg-do compile } */

#include <dynpromote.h>

struct ops
{
  int (*off_cb) (int) DYNPROMOTE_OFF;
  int (*on_cb) (int);
};

__attribute__ ((noipa)) int
via_pointer (struct ops *o)
{
  int a = o->off_cb (1);
  int b = o->on_cb (2);
  return a + b;
}

__attribute__ ((noipa)) int
via_copy (struct ops o)
{
  int a = o.off_cb (3);
  int b = o.on_cb (4);
  return a + b;
}

__attribute__ ((noipa)) int
via_array (struct ops *v, int i)
{
  int a = v[i].off_cb (5);
  int b = v[i].on_cb (6);
  return a + b;
}

/* { dg-final { scan-assembler-times {\tcall\t\*(?!__dynpromote_sample@GOTPCREL)} 3 } } */
/* { dg-final { scan-assembler-times {\tcall\t\.Ldp_(?:entry|hit|guard)_\d+$} 3 } } */
/* { dg-final { scan-rtl-dump {skipped call in via_pointer at \S*attr-field\.c:17: [^\n]*dynpromote_off} } } */
/* { dg-final { scan-rtl-dump {rewritten call site \d+ in via_pointer at \S*attr-field\.c:18} } } */
/* { dg-final { scan-rtl-dump {skipped call in via_copy at \S*attr-field\.c:25: [^\n]*dynpromote_off} } } */
/* { dg-final { scan-rtl-dump {rewritten call site \d+ in via_copy at \S*attr-field\.c:26} } } */
/* { dg-final { scan-rtl-dump {skipped call in via_array at \S*attr-field\.c:33: [^\n]*dynpromote_off} } } */
/* { dg-final { scan-rtl-dump {rewritten call site \d+ in via_array at \S*attr-field\.c:34} } } */
