/* Shared body of the retpoline-*.c tests: calls, sibcalls and a
   variadic call through pointers, and a switch (a jump table unless
   -fno-jump-tables), all of which a retpoline build must keep free of
   raw indirect branches.  */

#include "dp-test.h"

typedef long (*fn) (long);
static volatile long sink;

NOIPA long inc (long x) { return x + 1; }
NOIPA long dbl (long x) { return 2 * x; }
NOIPA long site (fn f, long x) { long r = f (x); sink = r; return r; }
NOIPA long tail (fn f, long x) { return f (x + 1); }
NOIPA double vsum (int n, ...)
{
  __builtin_va_list ap;
  double s = 0;
  __builtin_va_start (ap, n);
  for (int i = 0; i < n; i++)
    s += __builtin_va_arg (ap, double);
  __builtin_va_end (ap);
  return s;
}

NOIPA long
choose (long k)
{
  switch (k & 7)
    {
    case 0: return 11;
    case 1: return 23;
    case 2: return 37;
    case 3: return 41;
    case 4: return 53;
    case 5: return 67;
    case 6: return 79;
    default: return 83;
    }
}

static long
retpoline_body (void)
{
  long calls = 0;
  for (long i = 0; i < 1000; i++)
    {
      CHECK (site (HIDE (inc), i) == i + 1);
      CHECK (tail (HIDE (dbl), i) == 2 * (i + 1));
      double (*v) (int, ...) = HIDE (vsum);
      CHECK (v (3, 0.5, 0.25, (double) i) == 0.75 + i);
      static const long want[8] = { 11, 23, 37, 41, 53, 67, 79, 83 };
      CHECK (choose (i) == want[i & 7]);
      calls += 3;
    }
  return calls;
}
