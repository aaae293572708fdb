/* Purpose: SSE-class results come back intact through rewritten calls
   and sibcalls: double and float in %xmm0, struct {double, double} in
   %xmm0:%xmm1, struct {float x4} packed in two registers, a 16-byte
   vector, and __float128.  */
/* { dg-do run } */

#include "dp-test.h"

struct dd { double x, y; };
struct ffff { float a, b, c, d; };
typedef int v4si __attribute__ ((vector_size (16)));

NOIPA double half (long n) { return n * 0.5; }
NOIPA float third (int n) { return n / 3.0f; }
NOIPA struct dd make_dd (double x) { struct dd r = { x, -x * 2 }; return r; }
NOIPA struct ffff make_ffff (float f)
{
  struct ffff r = { f, f + 1, f + 2, f + 3 };
  return r;
}
NOIPA v4si make_v4 (int n) { v4si r = { n, n + 1, n * 2, -n }; return r; }
NOIPA __float128 make_q (long n) { return (__float128) n / 8; }

typedef double (*d_fn) (long);
NOIPA double forward_d (d_fn f, long n) { return f (n); }
typedef struct dd (*dd_fn) (double);
NOIPA struct dd forward_dd (dd_fn f, double x) { return f (x); }

int
main (void)
{
  for (long rep = 0; rep < 64; rep++)
    {
      d_fn fd = HIDE (half);
      float (*ff) (int) = HIDE (third);
      dd_fn fdd = HIDE (make_dd);
      struct ffff (*f4) (float) = HIDE (make_ffff);
      v4si (*fv) (int) = HIDE (make_v4);
      __float128 (*fq) (long) = HIDE (make_q);

      CHECK (fd (rep) == rep * 0.5);
      CHECK (forward_d (fd, rep + 3) == (rep + 3) * 0.5);
      CHECK (ff ((int) rep) == rep / 3.0f);

      struct dd a = fdd (rep + 0.25);
      CHECK (a.x == rep + 0.25 && a.y == -(rep + 0.25) * 2);
      a = forward_dd (fdd, -1.5);
      CHECK (a.x == -1.5 && a.y == 3.0);

      struct ffff b = f4 ((float) rep);
      CHECK (b.a == rep && b.b == rep + 1 && b.c == rep + 2 && b.d == rep + 3);

      v4si v = fv ((int) rep);
      CHECK (v[0] == rep && v[1] == rep + 1 && v[2] == rep * 2 && v[3] == -rep);

      __float128 q = fq (rep);
      CHECK (q == (__float128) rep / 8);
    }
  puts ("ok");
  return 0;
}

/* { dg-output "ok" } */
/* { dg-final { scan-assembler {\tcall\t\.Ldp_(?:entry|hit|guard)_\d+$} } } */
/* { dg-final { scan-assembler-not {\t(call|jmp)\t\*(?!%r11$|__dynpromote_sample@GOTPCREL)} } } */
/* { dg-final { scan-stats {^\s+target [^\n]*sym=half } } } */
/* { dg-final { scan-stats {^\s+target [^\n]*sym=make_q } } } */
