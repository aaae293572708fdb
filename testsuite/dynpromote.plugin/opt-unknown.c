/* Purpose: an unknown plugin option key is an error that names it.  */
/* { dg-do compile } */
/* { dg-options "-fplugin-arg-dynpromote-frobnicate=3" } */

typedef int (*fn) (int);

__attribute__ ((noipa)) int
call_it (fn f, int x)
{
  return f (x) + 1;
}

/* { dg-error "error: dynpromote: unknown option .frobnicate." "" { target *-*-* } 0 } */
