/* Purpose: under -fcf-protection, a call through a nocf_check function
   pointer was a "notrack call": rewritten, its stub's jump to the target
   must stay notrack (the target need not start with endbr64), while a
   call through an ordinary pointer gets a tracked jump.  Runs too.  */
/* { dg-do run } */
/* { dg-options "-fcf-protection=full -fno-jump-tables" } */

#include "dp-test.h"

typedef long (*fn) (long);
typedef long (*untracked_fn) (long) __attribute__ ((nocf_check));
static volatile long sink;

NOIPA long inc (long x) { return x + 1; }

NOIPA long
tracked_site (fn f, long x)
{
  long r = f (x);
  sink = r;
  return r;
}

NOIPA long
untracked_site (untracked_fn f, long x)
{
  long r = f (x);
  sink = r;
  return r;
}

int
main (void)
{
  for (long i = 0; i < 100; i++)
    {
      CHECK (tracked_site (HIDE (inc), i) == i + 1);
      CHECK (untracked_site (HIDE ((untracked_fn) inc), i) == i + 1);
    }
  puts ("ok");
  return 0;
}

/* { dg-output "ok" } */
/* { dg-final { scan-assembler-times {\tcall\t\.Ldp_(?:entry|hit|guard)_\d+$} 2 } } */
/* { dg-final { scan-assembler-times {\tnotrack jmp\t\*%r11$} 1 } } */
/* { dg-final { scan-assembler-times {\tjmp\t\*%r11$} 1 } } */
/* { dg-final { scan-assembler-not {\tnotrack call} } } */
