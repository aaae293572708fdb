/* Purpose: more than eight floating-point arguments: %xmm0-7 and then
   the stack, interleaved with more than six integers, floats and doubles
   mixed, arrive intact through a rewritten call and sibcall.  */
/* { dg-do run } */

#include "dp-test.h"

NOIPA double
many (double d0, int i0, float f1, double d2, long i1, double d3,
      float f4, int i2, double d5, double d6, long i3, float f7,
      double d8, int i4, double d9, float f10, long i5, double d11,
      int i6, long i7)
{
  CHECK (d0 == 0.5 && f1 == 1.5f && d2 == 2.5 && d3 == 3.5);
  CHECK (f4 == 4.5f && d5 == 5.5 && d6 == 6.5 && f7 == 7.5f);
  CHECK (d8 == 8.5 && d9 == 9.5 && f10 == 10.5f && d11 == 11.5);
  CHECK (i0 == 100 && i1 == 101 && i2 == 102 && i3 == 103);
  CHECK (i4 == 104 && i5 == 105 && i6 == 106 && i7 == 107);
  return d0 + f1 + d2 + d3 + f4 + d5 + d6 + f7 + d8 + d9 + f10 + d11
	 + i0 + i1 + i2 + i3 + i4 + i5 + i6 + i7;
}

typedef double (*many_fn) (double, int, float, double, long, double, float,
			   int, double, double, long, float, double, int,
			   double, float, long, double, int, long);

NOIPA double
forward (double d0, int i0, float f1, double d2, long i1, double d3,
	 float f4, int i2, double d5, double d6, long i3, float f7,
	 double d8, int i4, double d9, float f10, long i5, double d11,
	 int i6, long i7)
{
  many_fn p = HIDE (many);
  return p (d0, i0, f1, d2, i1, d3, f4, i2, d5, d6, i3, f7, d8, i4, d9,
	    f10, i5, d11, i6, i7);
}

int
main (void)
{
  double want = 72.0 + 828.0;
  for (int rep = 0; rep < 64; rep++)
    {
      many_fn p = HIDE (many);
      CHECK (p (0.5, 100, 1.5f, 2.5, 101, 3.5, 4.5f, 102, 5.5, 6.5, 103,
		7.5f, 8.5, 104, 9.5, 10.5f, 105, 11.5, 106, 107) == want);
      CHECK (forward (0.5, 100, 1.5f, 2.5, 101, 3.5, 4.5f, 102, 5.5, 6.5,
		      103, 7.5f, 8.5, 104, 9.5, 10.5f, 105, 11.5, 106, 107)
	     == want);
    }
  puts ("ok");
  return 0;
}

/* { dg-output "ok" } */
/* { dg-final { scan-assembler {\tcall\t\.Ldp_(?:entry|hit|guard)_\d+$} } } */
/* { dg-final { scan-assembler-not {\t(call|jmp)\t\*(?!%r11$|__dynpromote_sample@GOTPCREL)} } } */
/* { dg-final { scan-stats {^\s+target [^\n]*sym=many } } } */
