/* Purpose: the pass's dump is also among GCC's own -fdump-rtl-all dumps
   (as <output>.NNNr.dynpromote), with the same lines as with the
   plugin's dump option.  */
/* { dg-do compile } */
/* { dg-options "-fdump-rtl-all" } */

typedef int (*fn) (int);

__attribute__ ((noipa)) int
call_it (fn f, int x)
{
  return f (x) + 1;
}

/* { dg-final { scan-rtl-dump {rewritten call site \d+ in call_it at \S*dump-rtl-all\.c:12} } } */
