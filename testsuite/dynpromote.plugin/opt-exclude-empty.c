/* Purpose: exclude= with an empty list is an error naming the option.  */
/* { dg-do compile } */
/* { dg-options "-fplugin-arg-dynpromote-exclude=" } */

typedef int (*fn) (int);

__attribute__ ((noipa)) int
call_it (fn f, int x)
{
  return f (x) + 1;
}

/* { dg-error {error: dynpromote: [^\n]*exclude} "" { target *-*-* } 0 } */
