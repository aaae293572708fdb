/* Purpose: verbose is a flag: giving it a value is an error.  */
/* { dg-do compile } */
/* { dg-options "-fplugin-arg-dynpromote-verbose=yes" } */

typedef int (*fn) (int);

__attribute__ ((noipa)) int
call_it (fn f, int x)
{
  return f (x) + 1;
}

/* { dg-error "error: dynpromote: option .verbose. takes no value" "" { target *-*-* } 0 } */
