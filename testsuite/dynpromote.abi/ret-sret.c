/* Purpose: results returned in memory (hidden sret pointer in %rdi,
   echoed in %rax) come back intact through rewritten calls and
   sibcalls: a 40-byte struct, a struct with a long double, an odd-sized
   array struct, and a struct whose callee also takes stack arguments.  */
/* { dg-do run } */

#include "dp-test.h"

struct big { long a, b, c, d, e; };
struct with_ld { long double x; int tag; };
struct odd { char c[23]; };

NOIPA struct big
make_big (long seed)
{
  struct big r = { seed, seed * 2, seed * 3, -seed, seed ^ 0x5a5a };
  return r;
}

NOIPA struct with_ld
make_ld (int tag, long double x)
{
  struct with_ld r = { x * 2, tag };
  return r;
}

NOIPA struct odd
make_odd (char c)
{
  struct odd r;
  for (int i = 0; i < 23; i++)
    r.c[i] = (char) (c + i);
  return r;
}

NOIPA struct big
make_big_many (long a, long b, long c, long d, long e, long f, long g,
	       long h)
{
  struct big r = { a + b, c + d, e + f, g + h, a * h };
  return r;
}

typedef struct big (*big_fn) (long);

/* A forwarder whose call is a sibcall at -O2.  */
NOIPA struct big
forward_big (big_fn f, long seed)
{
  return f (seed);
}

static void
check_big (struct big r, long seed)
{
  CHECK (r.a == seed && r.b == seed * 2 && r.c == seed * 3);
  CHECK (r.d == -seed && r.e == (seed ^ 0x5a5a));
}

int
main (void)
{
  for (long rep = 0; rep < 64; rep++)
    {
      big_fn fb = HIDE (make_big);
      struct with_ld (*fl) (int, long double) = HIDE (make_ld);
      struct odd (*fo) (char) = HIDE (make_odd);
      struct big (*fm) (long, long, long, long, long, long, long, long)
	= HIDE (make_big_many);

      check_big (fb (rep + 100), rep + 100);
      check_big (forward_big (fb, rep - 7), rep - 7);

      struct with_ld l = fl ((int) rep, 1.25L + rep);
      CHECK (l.x == (1.25L + rep) * 2 && l.tag == rep);

      struct odd o = fo ('A');
      for (int i = 0; i < 23; i++)
	CHECK (o.c[i] == 'A' + i);

      struct big m = fm (1, 2, 3, 4, 5, 6, 7, rep);
      CHECK (m.a == 3 && m.b == 7 && m.c == 11 && m.d == 7 + rep
	     && m.e == rep);
    }
  puts ("ok");
  return 0;
}

/* { dg-output "ok" } */
/* { dg-final { scan-assembler {\tcall\t\.Ldp_(?:entry|hit|guard)_\d+$} } } */
/* { dg-final { scan-assembler-not {\t(call|jmp)\t\*(?!%r11$|__dynpromote_sample@GOTPCREL)} } } */
/* { dg-final { scan-stats {^\s+target [^\n]*sym=make_big } } } */
/* { dg-final { scan-stats {^\s+target [^\n]*sym=make_ld } } } */
/* { dg-final { scan-stats {^\s+target [^\n]*sym=make_odd } } } */
/* { dg-final { scan-stats {^\s+target [^\n]*sym=make_big_many } } } */
