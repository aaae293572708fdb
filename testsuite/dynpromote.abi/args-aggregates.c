/* Purpose: aggregates by value cross rewritten calls intact: small
   structs in one or two integer registers, all-float structs in SSE
   registers, mixed integer/SSE structs, large structs copied to the
   stack, a struct with a long double (memory), a union, odd-sized
   structs, and small structs that spill to the stack whole once the
   registers run out.  */
/* { dg-do run } */

#include "dp-test.h"

struct s1 { int a, b; };			/* one INTEGER eightbyte */
struct s2 { long a; long b; };			/* two INTEGER */
struct s3 { double x, y; };			/* two SSE */
struct s4 { float x, y, z; };			/* two SSE, packed */
struct s5 { long n; double d; };		/* INTEGER + SSE */
struct s6 { char c[3]; };			/* odd, one INTEGER */
struct s7 { long v[6]; };			/* MEMORY */
struct s8 { long double x; };			/* X87 -> memory as arg */
union u1 { double d; long l; };			/* SSE+INTEGER -> INTEGER */
struct s9 { int i; float f; };			/* one eightbyte, INTEGER */

NOIPA long
take (struct s1 a, struct s2 b, struct s3 c, struct s4 d, struct s5 e,
      struct s6 f, struct s7 g, struct s8 h, union u1 i, struct s9 j)
{
  CHECK (a.a == 1 && a.b == -2);
  CHECK (b.a == 3 && b.b == 0x400000000L);
  CHECK (c.x == 5.5 && c.y == -6.5);
  CHECK (d.x == 7.0f && d.y == 8.0f && d.z == 9.0f);
  CHECK (e.n == 10 && e.d == 11.25);
  CHECK (f.c[0] == 'x' && f.c[1] == 'y' && f.c[2] == 'z');
  for (int k = 0; k < 6; k++)
    CHECK (g.v[k] == 100 + k);
  CHECK (h.x == 1e-4000L);
  CHECK (i.l == 0x1234567890L);
  CHECK (j.i == 42 && j.f == 0.75f);
  return a.a + b.a + (long) c.x + (long) d.z + e.n + f.c[0] + g.v[5] + j.i;
}

/* Ten two-register structs: the registers run out after three, and
   the remaining structs must go to the stack whole.  */
NOIPA long
spill (struct s2 a, struct s2 b, struct s2 c, struct s2 d, struct s2 e,
       struct s3 f, struct s3 g, struct s3 h, struct s3 i, struct s3 j,
       long tail)
{
  struct s2 in[5] = { a, b, c, d, e };
  struct s3 fl[5] = { f, g, h, i, j };
  long s = 0;
  for (int k = 0; k < 5; k++)
    {
      CHECK (in[k].a == k && in[k].b == -k);
      CHECK (fl[k].x == k * 0.5 && fl[k].y == k * 1.5);
      s += in[k].a - in[k].b;
    }
  CHECK (tail == 77);
  return s + tail;
}

typedef long (*take_fn) (struct s1, struct s2, struct s3, struct s4,
			 struct s5, struct s6, struct s7, struct s8,
			 union u1, struct s9);

NOIPA long
forward (take_fn f, struct s1 a, struct s2 b, struct s3 c, struct s4 d,
	 struct s5 e, struct s6 g6, struct s7 g, struct s8 h, union u1 i,
	 struct s9 j)
{
  return f (a, b, c, d, e, g6, g, h, i, j);
}

int
main (void)
{
  struct s1 a = { 1, -2 };
  struct s2 b = { 3, 0x400000000L };
  struct s3 c = { 5.5, -6.5 };
  struct s4 d = { 7.0f, 8.0f, 9.0f };
  struct s5 e = { 10, 11.25 };
  struct s6 f = { { 'x', 'y', 'z' } };
  struct s7 g = { { 100, 101, 102, 103, 104, 105 } };
  struct s8 h = { 1e-4000L };
  union u1 i;
  struct s9 j = { 42, 0.75f };
  long want = 1 + 3 + 5 + 9 + 10 + 'x' + 105 + 42;
  i.l = 0x1234567890L;

  for (int rep = 0; rep < 64; rep++)
    {
      take_fn t = HIDE (take);
      long (*sp) (struct s2, struct s2, struct s2, struct s2, struct s2,
		  struct s3, struct s3, struct s3, struct s3, struct s3, long)
	= HIDE (spill);
      struct s2 p[5];
      struct s3 q[5];
      for (int k = 0; k < 5; k++)
	{
	  p[k].a = k;
	  p[k].b = -k;
	  q[k].x = k * 0.5;
	  q[k].y = k * 1.5;
	}
      CHECK (t (a, b, c, d, e, f, g, h, i, j) == want);
      CHECK (forward (t, a, b, c, d, e, f, g, h, i, j) == want);
      CHECK (sp (p[0], p[1], p[2], p[3], p[4], q[0], q[1], q[2], q[3], q[4],
		 77) == 20 + 77);
    }
  puts ("ok");
  return 0;
}

/* { dg-output "ok" } */
/* { dg-final { scan-assembler {\tcall\t\.Ldp_(?:entry|hit|guard)_\d+$} } } */
/* { dg-final { scan-assembler-not {\t(call|jmp)\t\*(?!%r11$|__dynpromote_sample@GOTPCREL)} } } */
/* { dg-final { scan-stats {^\s+target [^\n]*sym=take } } } */
/* { dg-final { scan-stats {^\s+target [^\n]*sym=spill } } } */
