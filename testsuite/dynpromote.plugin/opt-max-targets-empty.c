/* Purpose: max-targets= is out of 1..8 or not a number: an error naming the value.  */
/* { dg-do compile } */
/* { dg-options "-fplugin-arg-dynpromote-max-targets=" } */

typedef int (*fn) (int);

__attribute__ ((noipa)) int
call_it (fn f, int x)
{
  return f (x) + 1;
}

/* { dg-error {error: dynpromote: [^\n]*max-targets} "" { target *-*-* } 0 } */
