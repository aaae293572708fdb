/* Purpose: max-targets without a value is an error naming the option.  */
/* { dg-do compile } */
/* { dg-options "-fplugin-arg-dynpromote-max-targets" } */

typedef int (*fn) (int);

__attribute__ ((noipa)) int
call_it (fn f, int x)
{
  return f (x) + 1;
}

/* { dg-error {error: dynpromote: [^\n]*max-targets} "" { target *-*-* } 0 } */
