/* Purpose: with verbose and the option sets' own -O level, every
   indirect call gets its note (at -O0 there are no sibcalls, at -O2 the
   calls below are not in tail position either).  */
/* { dg-do compile } */
/* { dg-options "-fplugin-arg-dynpromote-verbose" } */

typedef void (*cb) (int *);

__attribute__ ((noipa)) int
two_calls (cb a, cb b)
{
  int x = 0;
  a (&x);		/* { dg-message "note: dynpromote: rewrote indirect call" } */
  b (&x);		/* { dg-message "note: dynpromote: rewrote indirect call" } */
  return x;
}
