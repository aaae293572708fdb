/* Purpose: rewritten calls made while the caller's stack pointer is not
   constant (a variable-length array and alloca live, odd sizes) still
   pass stack arguments and keep the stack aligned: the callee checks
   its arguments and the 16-byte alignment of a local it forces onto
   the stack.  */
/* { dg-do run } */

#include <alloca.h>
#include <stdint.h>
#include "dp-test.h"

typedef long (*fn8) (long, long, long, long, long, long, long, long);

NOIPA long
aligned_callee (long a, long b, long c, long d, long e, long f, long g,
		long h)
{
  long v[2] __attribute__ ((aligned (16)));
  v[0] = g;
  v[1] = h;
  __asm__ volatile ("" : : "r" (v) : "memory");
  CHECK (((uintptr_t) v & 15) == 0);
  CHECK (a == 1 && b == 2 && c == 3 && d == 4 && e == 5 && f == 6);
  return v[0] * 10 + v[1];
}

NOIPA long
with_vla (fn8 f, int n)
{
  char vla[n];
  char *extra = alloca (n * 3 + 1);
  memset (vla, 1, n);
  memset (extra, 2, n * 3 + 1);
  long r = f (1, 2, 3, 4, 5, 6, n, vla[n - 1] + extra[n]);
  CHECK (vla[0] == 1 && extra[0] == 2);
  return r;
}

int
main (void)
{
  for (int n = 1; n < 200; n++)
    CHECK (with_vla (HIDE (aligned_callee), n) == n * 10L + 3);
  puts ("ok");
  return 0;
}

/* { dg-output "ok" } */
/* { dg-final { scan-assembler {\tcall\t\.Ldp_(?:entry|hit|guard)_\d+$} } } */
/* { dg-final { scan-stats {^site [^\n]* func=with_vla kind=call } } } */
