/* Purpose: an unknown plugin option given without a value is an error too.  */
/* { dg-do compile } */
/* { dg-options "-fplugin-arg-dynpromote-promote-everything" } */

typedef int (*fn) (int);

__attribute__ ((noipa)) int
call_it (fn f, int x)
{
  return f (x) + 1;
}

/* { dg-error "error: dynpromote: unknown option .promote-everything." "" { target *-*-* } 0 } */
