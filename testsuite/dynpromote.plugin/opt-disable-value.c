/* Purpose: disable is a flag: giving it a value is an error.  */
/* { dg-do compile } */
/* { dg-options "-fplugin-arg-dynpromote-disable=1" } */

typedef int (*fn) (int);

__attribute__ ((noipa)) int
call_it (fn f, int x)
{
  return f (x) + 1;
}

/* { dg-error "error: dynpromote: option .disable. takes no value" "" { target *-*-* } 0 } */
