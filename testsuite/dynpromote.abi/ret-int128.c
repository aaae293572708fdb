/* Purpose: __int128 results (%rax:%rdx) and __int128 arguments (register
   pairs, and on the stack once the registers are used up) cross
   rewritten calls and sibcalls intact.  */
/* { dg-do run } */

#include "dp-test.h"

typedef __int128 i128;
typedef unsigned __int128 u128;

NOIPA i128 mul64 (long a, long b) { return (i128) a * b; }
NOIPA u128 add128 (u128 a, u128 b) { return a + b; }
/* Three pairs use %rdi..%r9; the fourth goes on the stack.  */
NOIPA i128 sum4 (i128 a, i128 b, i128 c, i128 d) { return a + 2 * b + 3 * c + 4 * d; }
/* An odd long first pushes the pairs' alignment around.  */
NOIPA i128 skew (long x, i128 a, long y, i128 b) { return a - b + x * y; }

typedef i128 (*mul_fn) (long, long);
NOIPA i128 forward_mul (mul_fn f, long a, long b) { return f (a, b); }

int
main (void)
{
  for (long rep = 1; rep <= 64; rep++)
    {
      mul_fn fm = HIDE (mul64);
      u128 (*fa) (u128, u128) = HIDE (add128);
      i128 (*f4) (i128, i128, i128, i128) = HIDE (sum4);
      i128 (*fk) (long, i128, long, i128) = HIDE (skew);

      i128 big = (i128) 0x123456789abcdefLL << 40;
      CHECK (fm (0x7fffffffffffffffL, rep) == (i128) 0x7fffffffffffffffL * rep);
      CHECK (forward_mul (fm, -rep, 1L << 62) == -(i128) rep * (1L << 62));
      CHECK (fa ((u128) -1, (u128) rep) == (u128) rep - 1);
      CHECK (f4 (big, rep, -big, (i128) rep << 64)
	     == big + 2 * rep - 3 * big + 4 * ((i128) rep << 64));
      CHECK (fk (rep, big, 3, -big) == 2 * big + 3 * rep);
    }
  puts ("ok");
  return 0;
}

/* { dg-output "ok" } */
/* { dg-final { scan-assembler {\tcall\t\.Ldp_(?:entry|hit|guard)_\d+$} } } */
/* { dg-final { scan-assembler-not {\t(call|jmp)\t\*(?!%r11$|__dynpromote_sample@GOTPCREL)} } } */
/* { dg-final { scan-stats {^\s+target [^\n]*sym=sum4 } } } */
