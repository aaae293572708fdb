/* Purpose: exclude= naming a function this file does not have is fine (it may be in another file) and changes nothing here.  */
/* { dg-do compile } */
/* { dg-options "-fplugin-arg-dynpromote-exclude=not_here" } */

typedef int (*fn) (int);

__attribute__ ((noipa)) int
call_it (fn f, int x)
{
  return f (x) + 1;
}

/* { dg-final { scan-assembler-times {\tcall\t\.Ldp_(?:entry|hit|guard)_\d+$} 1 } } */
