/* Purpose: inline-guard and no-inline-guard are flags: a value is an
   error naming the option.  */
/* { dg-do compile } */
/* { dg-options "-fplugin-arg-dynpromote-inline-guard=yes -fplugin-arg-dynpromote-no-inline-guard=0" } */

typedef int (*fn) (int);

__attribute__ ((noipa)) int
call_it (fn f, int x)
{
  return f (x) + 1;
}

/* { dg-error "error: dynpromote: option .inline-guard. takes no value" "" { target *-*-* } 0 } */
/* { dg-error "error: dynpromote: option .no-inline-guard. takes no value" "" { target *-*-* } 0 } */
