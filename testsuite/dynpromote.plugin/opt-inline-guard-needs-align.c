/* Purpose: without align-calls the runtime cannot point a call at its
   target, so there is no inline guard even when asked for.  */
/* { dg-do compile } */
/* { dg-options "-fplugin-arg-dynpromote-no-align-calls -fplugin-arg-dynpromote-inline-guard" } */

typedef int (*fn) (int);

__attribute__ ((noipa)) int
once (fn f, int x)
{
  return f (x) + 1;
}

/* { dg-final { scan-assembler-not {\.Ldp_state_\d+\(%rip\), %r11} } } */
/* { dg-final { scan-assembler-not {\.Ldp_miss_} } } */
/* { dg-final { scan-assembler-times {\tcall\t\.Ldp_(?:entry|hit|guard)_\d+$} 1 } } */
