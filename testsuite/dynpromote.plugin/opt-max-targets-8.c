/* Purpose: max-targets=8 (the highest legal value) is accepted.  */
/* { dg-do compile } */
/* { dg-options "-fplugin-arg-dynpromote-max-targets=8" } */

typedef int (*fn) (int);

__attribute__ ((noipa)) int
call_it (fn f, int x)
{
  return f (x) + 1;
}

/* { dg-final { scan-assembler-times {\tcall\t\.Ldp_(?:entry|hit|guard)_\d+$} 1 } } */
