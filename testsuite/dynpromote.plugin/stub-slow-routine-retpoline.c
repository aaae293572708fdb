/* Purpose: a unit built with retpolines gets its own sampling routine
   (__dynpromote_slow_v3.t, a comdat of its own, so a plain unit's
   routine is never linked in its place), which calls the sampler
   through the retpoline thunk: no indirect call anywhere (twin of
   stub-slow-routine.c).  */
/* { dg-do compile } */
/* { dg-options "-O2 -mindirect-branch=thunk -fcf-protection=none" } */

typedef int (*fn) (int);

__attribute__ ((noipa)) int
once (fn f, int x)
{
  return f (x) + 1;
}

/* { dg-final { scan-assembler-times {\tcall\t__dynpromote_slow_v3\.t\n} 1 } } */
/* { dg-final { scan-assembler-times {^__dynpromote_slow_v3\.t:$} 1 } } */
/* { dg-final { scan-assembler {\tmovq\t__dynpromote_sample@GOTPCREL\(%rip\), %r11\n\tcall\t__dynpromote_thunk_r11\n} } } */
/* { dg-final { scan-assembler-not {__dynpromote_slow_v3:} } } */
/* { dg-final { scan-assembler-not {\tcall\t\*} } } */
/* { dg-final { scan-assembler-not {\tjmp\t\*} } } */
