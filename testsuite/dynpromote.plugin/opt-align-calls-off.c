/* Purpose: negative twin of opt-align-calls.c: with no-align-calls no
   bundle directive is emitted, and the calls are rewritten the same.  */
/* { dg-do compile } */
/* { dg-options "-fplugin-arg-dynpromote-no-align-calls" } */

typedef int (*fn) (int);

__attribute__ ((noipa)) int
twice (fn f, int x)
{
  return f (f (x)) + 1;
}

/* { dg-final { scan-assembler-not {bundle_} } } */
/* { dg-final { scan-assembler-not {\.p2align 3,,4} } } */
/* { dg-final { scan-assembler-times {\tcall\t\.Ldp_(?:entry|hit|guard)_\d+$} 2 } } */
