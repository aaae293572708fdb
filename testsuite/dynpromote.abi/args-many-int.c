/* Purpose: more than six integer arguments: the first six in %rdi..%r9,
   the rest on the stack, of every width and signedness, arrive intact
   through a rewritten call and a rewritten sibcall (a stub that pushed
   anything would shift every stack argument).  */
/* { dg-do run } */

#include "dp-test.h"

static int stamp;

NOIPA long
many (signed char a, short b, int c, long d, unsigned char e,
      unsigned short f, unsigned g, unsigned long h, long long i, void *j,
      _Bool k, long l, int m, char n)
{
  CHECK (a == -3);
  CHECK (b == -300);
  CHECK (c == -70000);
  CHECK (d == -5000000000L);
  CHECK (e == 250);
  CHECK (f == 65000);
  CHECK (g == 4000000000u);
  CHECK (h == 0xfedcba9876543210ul);
  CHECK (i == -(1LL << 50));
  CHECK (j == &stamp);
  CHECK (k == 1);
  CHECK (l == 0x0102030405060708L);
  CHECK (m == 12);
  CHECK (n == 'n');
  return a + b + c + d + e + f + g + l + m + n;
}

typedef long (*many_fn) (signed char, short, int, long, unsigned char,
			 unsigned short, unsigned, unsigned long, long long,
			 void *, _Bool, long, int, char);

/* Same arguments again: at -O2 this is a sibcall that reuses the
   incoming stack-argument area.  */
NOIPA long
forward (signed char a, short b, int c, long d, unsigned char e,
	 unsigned short f, unsigned g, unsigned long h, long long i, void *j,
	 _Bool k, long l, int m, char n)
{
  many_fn p = HIDE (many);
  return p (a, b, c, d, e, f, g, h, i, j, k, l, m, n);
}

int
main (void)
{
  long want = -3 - 300 - 70000 - 5000000000L + 250 + 65000 + 4000000000L
	      + 0x0102030405060708L + 12 + 'n';
  for (int rep = 0; rep < 64; rep++)
    {
      many_fn p = HIDE (many);
      CHECK (p (-3, -300, -70000, -5000000000L, 250, 65000, 4000000000u,
		0xfedcba9876543210ul, -(1LL << 50), &stamp, 1,
		0x0102030405060708L, 12, 'n') == want);
      CHECK (forward (-3, -300, -70000, -5000000000L, 250, 65000,
		      4000000000u, 0xfedcba9876543210ul, -(1LL << 50),
		      &stamp, 1, 0x0102030405060708L, 12, 'n') == want);
    }
  puts ("ok");
  return 0;
}

/* { dg-output "ok" } */
/* { dg-final { scan-assembler {\tcall\t\.Ldp_(?:entry|hit|guard)_\d+$} } } */
/* { dg-final { scan-assembler-not {\t(call|jmp)\t\*(?!%r11$|__dynpromote_sample@GOTPCREL)} } } */
/* { dg-final { scan-stats {^site [^\n]* func=forward kind=(call|sibcall) } } } */
/* { dg-final { scan-stats {^\s+target [^\n]*sym=many } } } */
