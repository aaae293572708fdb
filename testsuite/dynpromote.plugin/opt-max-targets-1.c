/* Purpose: max-targets=1 (the lowest legal value) is accepted and changes nothing in the rewriting.  */
/* { dg-do compile } */
/* { dg-options "-fplugin-arg-dynpromote-max-targets=1" } */

typedef int (*fn) (int);

__attribute__ ((noipa)) int
call_it (fn f, int x)
{
  return f (x) + 1;
}

/* { dg-final { scan-assembler-times {\tcall\t\.Ldp_(?:entry|hit|guard)_\d+$} 1 } } */
