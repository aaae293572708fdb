/* Purpose: twin of sample-call.c under -mindirect-branch=thunk: the
   slow path loads the sampler's address from the GOT into %r11 (free
   there: the target is on the stack) and calls it through the r11
   retpoline thunk; no unprotected indirect call is emitted.  */
/* { dg-do compile } */
/* { dg-options "-mindirect-branch=thunk" } */

typedef int (*fn) (int);

__attribute__ ((noipa)) int
call_it (fn f, int x)
{
  return f (x) + 1;
}

/* { dg-final { scan-assembler-times {\tmovq\t__dynpromote_sample@GOTPCREL\(%rip\), %r11\n\tcall\t__dynpromote_thunk_r11\n} 1 } } */
/* { dg-final { scan-assembler-not {\tcall\t\*} } } */
/* { dg-final { scan-assembler-not {__dynpromote_sample@PLT} } } */
