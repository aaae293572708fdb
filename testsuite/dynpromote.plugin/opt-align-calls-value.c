/* Purpose: align-calls is a flag: giving it a value is an error.  */
/* { dg-do compile } */
/* { dg-options "-fplugin-arg-dynpromote-align-calls=yes" } */

typedef int (*fn) (int);

__attribute__ ((noipa)) int
call_it (fn f, int x)
{
  return f (x) + 1;
}

/* { dg-error "error: dynpromote: option .align-calls. takes no value" "" { target *-*-* } 0 } */
