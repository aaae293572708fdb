/* Purpose: two-register results come back intact through rewritten
   calls and sibcalls: struct {long, long} in %rax:%rdx, struct
   {int, int, long} packed in %rax:%rdx, struct {long, double} in
   %rax:%xmm0, struct {double, long} in %xmm0:%rax, and a 16-byte union.  */
/* { dg-do run } */

#include "dp-test.h"

struct ll { long a, b; };
struct iil { int x, y; long z; };
struct ld { long n; double d; };
struct dl { double d; long n; };
union u16 { long l[2]; char c[16]; };

NOIPA struct ll make_ll (long a) { struct ll r = { a, ~a }; return r; }
NOIPA struct iil make_iil (int x) { struct iil r = { x, -x, (long) x << 33 }; return r; }
NOIPA struct ld make_ld (long n) { struct ld r = { n, n / 4.0 }; return r; }
NOIPA struct dl make_dl (long n) { struct dl r = { n * 0.5, n + 1 }; return r; }
NOIPA union u16 make_u16 (long a)
{
  union u16 r;
  r.l[0] = a;
  r.l[1] = a * 3;
  return r;
}

typedef struct ll (*ll_fn) (long);
NOIPA struct ll forward_ll (ll_fn f, long a) { return f (a); }
typedef struct ld (*ld_fn) (long);
NOIPA struct ld forward_ld (ld_fn f, long a) { return f (a); }

int
main (void)
{
  for (long rep = 1; rep <= 64; rep++)
    {
      ll_fn fll = HIDE (make_ll);
      struct iil (*fiil) (int) = HIDE (make_iil);
      ld_fn fld = HIDE (make_ld);
      struct dl (*fdl) (long) = HIDE (make_dl);
      union u16 (*fu) (long) = HIDE (make_u16);

      struct ll a = fll (rep);
      CHECK (a.a == rep && a.b == ~rep);
      a = forward_ll (fll, -rep);
      CHECK (a.a == -rep && a.b == ~-rep);

      struct iil b = fiil ((int) rep);
      CHECK (b.x == rep && b.y == -rep && b.z == rep << 33);

      struct ld c = fld (rep);
      CHECK (c.n == rep && c.d == rep / 4.0);
      c = forward_ld (fld, rep + 1);
      CHECK (c.n == rep + 1 && c.d == (rep + 1) / 4.0);

      struct dl d = fdl (rep);
      CHECK (d.d == rep * 0.5 && d.n == rep + 1);

      union u16 e = fu (rep);
      CHECK (e.l[0] == rep && e.l[1] == rep * 3);
    }
  puts ("ok");
  return 0;
}

/* { dg-output "ok" } */
/* { dg-final { scan-assembler {\tcall\t\.Ldp_(?:entry|hit|guard)_\d+$} } } */
/* { dg-final { scan-assembler-not {\t(call|jmp)\t\*(?!%r11$|__dynpromote_sample@GOTPCREL)} } } */
/* { dg-final { scan-stats {^\s+target [^\n]*sym=make_ll } } } */
/* { dg-final { scan-stats {^\s+target [^\n]*sym=make_dl } } } */
