/* Purpose: the dump tells sibcall sites from call sites.  */
/* { dg-do compile } */
/* { dg-options "-O2" } */

typedef int (*fn) (int);

__attribute__ ((noipa)) int
tail (fn f, int x)
{
  return f (x + 1);
}

__attribute__ ((noipa)) int
not_tail (fn f, int x)
{
  return f (x) * 2;
}

/* { dg-final { scan-rtl-dump {rewritten sibcall site \d+ in tail at \S*dump-sibcall\.c:10} } } */
/* { dg-final { scan-rtl-dump {rewritten call site \d+ in not_tail at \S*dump-sibcall\.c:16} } } */
/* { dg-final { scan-rtl-dump-times {rewritten (sib)?call site } 2 } } */
/* { dg-final { scan-assembler-times {\tjmp\t\.Ldp_(?:entry|hit|guard)_\d+$} 1 } } */
/* { dg-final { scan-assembler-times {\tcall\t\.Ldp_(?:entry|hit|guard)_\d+$} 1 } } */
