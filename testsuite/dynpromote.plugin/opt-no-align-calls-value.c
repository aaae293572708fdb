/* Purpose: no-align-calls is a flag: giving it a value is an error
   (negative twin of opt-align-calls-value.c's option).  */
/* { dg-do compile } */
/* { dg-options "-fplugin-arg-dynpromote-no-align-calls=1" } */

typedef int (*fn) (int);

__attribute__ ((noipa)) int
call_it (fn f, int x)
{
  return f (x) + 1;
}

/* { dg-error "error: dynpromote: option .no-align-calls. takes no value" "" { target *-*-* } 0 } */
