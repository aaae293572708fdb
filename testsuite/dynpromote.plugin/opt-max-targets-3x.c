/* Purpose: max-targets=3x is out of 1..8 or not a number: an error naming the value.  */
/* { dg-do compile } */
/* { dg-options "-fplugin-arg-dynpromote-max-targets=3x" } */

typedef int (*fn) (int);

__attribute__ ((noipa)) int
call_it (fn f, int x)
{
  return f (x) + 1;
}

/* { dg-error "error: dynpromote: invalid value .3x. for option .max-targets." "" { target *-*-* } 0 } */
