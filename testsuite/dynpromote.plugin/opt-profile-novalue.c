/* Purpose: profile= without a file is an error naming the option.
   Twin: dynpromote.profile/basic.c.  */
/* { dg-do compile } */
/* { dg-options "-fplugin-arg-dynpromote-profile" } */

typedef int (*fn) (int);

__attribute__ ((noipa)) int
call_it (fn f, int x)
{
  return f (x) + 1;
}

/* { dg-error "error: dynpromote: invalid value .. for option .profile. \\(expected the path of a statistics dump\\)" "" { target *-*-* } 0 } */
