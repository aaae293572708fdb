/* Purpose: sibcalls that set up more than a plain jump keep working when
   rewritten: a tail call to a variadic callee (with %al set for the
   doubles), a tail call passing a struct by value on the stack, a tail
   call that swaps its arguments, and mutual tail recursion between
   functions of different arity through one table.  */
/* { dg-do run } */
/* { dg-options "-O2" } */

#include <stdarg.h>
#include "dp-test.h"

NOIPA double
vsum (int n, ...)
{
  va_list ap;
  double s = 0;
  va_start (ap, n);
  for (int i = 0; i < n; i++)
    s += va_arg (ap, double);
  va_end (ap);
  return s;
}

typedef double (*vsum_fn) (int, ...);

NOIPA double
tail_variadic (vsum_fn f, double a, double b, double c)
{
  return f (3, a, b, c);
}

struct big { long v[4]; };

NOIPA long
sum_big (struct big b, long k)
{
  return (b.v[0] + b.v[1] + b.v[2] + b.v[3]) * k;
}

NOIPA long
tail_big (long (*f) (struct big, long), struct big b)
{
  return f (b, 2);
}

NOIPA long
minus (long a, long b)
{
  return a - b;
}

NOIPA long
tail_swap (long (*f) (long, long), long a, long b)
{
  return f (b, a);
}

/* Countdown through functions of one and two arguments.  */
typedef long (*any_fn) ();
extern any_fn volatile chain[2];

NOIPA long
one_arg (long n)
{
  if (n <= 0)
    return 1000;
  return ((long (*) (long, long)) chain[1]) (n - 1, n);
}

NOIPA long
two_args (long n, long m)
{
  if (n <= 0)
    return m;
  return ((long (*) (long)) chain[0]) (n - 1);
}

any_fn volatile chain[2] = { (any_fn) one_arg, (any_fn) two_args };

int
main (void)
{
  for (int rep = 0; rep < 64; rep++)
    {
      struct big b = { { 1, 2, 3, rep } };
      CHECK (tail_variadic (HIDE (vsum), 0.5, 0.25, rep) == 0.75 + rep);
      CHECK (tail_big (HIDE (sum_big), b) == (6 + rep) * 2);
      CHECK (tail_swap (HIDE (minus), rep, 10) == 10 - rep);
      CHECK (one_arg (100000 + rep) == ((rep & 1) ? 1 : 1000));
    }
  CHECK (one_arg (4) == 1000);
  CHECK (one_arg (5) == 1);
  puts ("ok");
  return 0;
}

/* { dg-output "ok" } */
/* { dg-final { scan-assembler {\tjmp\t\.Ldp_(?:entry|hit|guard)_\d+$} } } */
/* { dg-final { scan-assembler-not {\t(call|jmp)\t\*(?!%r11$|__dynpromote_sample@GOTPCREL)} } } */
/* { dg-final { scan-stats {^site [^\n]* func=tail_variadic kind=sibcall } } } */
/* { dg-final { scan-stats {^site [^\n]* func=tail_swap kind=sibcall } } } */
