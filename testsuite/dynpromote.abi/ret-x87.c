/* Purpose: x87 results (%st0) come back intact through rewritten calls
   and sibcalls: long double, including values that do not fit a double,
   and a call whose result stays on the x87 stack across arithmetic.  */
/* { dg-do run } */

#include "dp-test.h"

NOIPA long double ld_scale (long double x, int k) { return x * k + 1e-30L; }
NOIPA long double ld_big (int n) { return 1e4000L * n; }
NOIPA long double ld_precise (long n) { return 1.0L + (long double) n * 0x1p-60L; }

typedef long double (*ld_fn) (int);
NOIPA long double forward_big (ld_fn f, int n) { return f (n); }

int
main (void)
{
  for (int rep = 1; rep <= 64; rep++)
    {
      long double (*fs) (long double, int) = HIDE (ld_scale);
      ld_fn fb = HIDE (ld_big);
      long double (*fp) (long) = HIDE (ld_precise);

      CHECK (fs (0.5L, rep) == 0.5L * rep + 1e-30L);
      CHECK (fb (rep) == 1e4000L * rep);
      CHECK (forward_big (fb, rep + 1) == 1e4000L * (rep + 1));
      /* 1 + n * 2^-60 is not representable in a double.  */
      long double p = fp (rep);
      CHECK (p - 1.0L == (long double) rep * 0x1p-60L);
      CHECK (fp (rep) + fs (2.0L, 3) == p + (6.0L + 1e-30L));
    }
  puts ("ok");
  return 0;
}

/* { dg-output "ok" } */
/* { dg-final { scan-assembler {\tcall\t\.Ldp_(?:entry|hit|guard)_\d+$} } } */
/* { dg-final { scan-assembler-not {\t(call|jmp)\t\*(?!%r11$|__dynpromote_sample@GOTPCREL)} } } */
/* { dg-final { scan-stats {^\s+target [^\n]*sym=ld_big } } } */
