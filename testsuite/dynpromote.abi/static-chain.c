/* Purpose: the static chain (%r10) reaches the callee through a
   rewritten call: GNU C nested functions called through pointers (via
   their stack trampolines, reading and writing the parent's locals,
   recursively), and __builtin_call_with_static_chain into an assembler
   callee that returns %r10 itself.  */
/* { dg-do run } */

#include "dp-test.h"

/* long chain_value (long a, long b): returns %r10 + a + b.  */
__asm__ (".text\n"
	 ".globl chain_value\n"
	 ".type chain_value, @function\n"
	 "chain_value:\n"
	 "\tendbr64\n"
	 "\tleaq (%rdi,%rsi), %rax\n"
	 "\taddq %r10, %rax\n"
	 "\tret\n"
	 ".size chain_value, .-chain_value\n");
extern long chain_value (long, long);

typedef int (*int_fn) (int);
static volatile int sink;

NOIPA int
apply (int_fn f, int x)
{
  int r = f (x);
  sink = r;
  return r;
}

NOIPA int
apply_tail (int_fn f, int x)
{
  return f (x);
}

NOIPA int
apply_twice (int_fn f, int x)
{
  int y = f (x);
  y = f (y);
  sink = y;
  return y;
}

NOIPA static int
parent (int base)
{
  int calls = 0;
  int scale = 3;

  int nested (int x)
  {
    calls++;
    return x * scale + base;
  }

  int nested_rec (int n)
  {
    calls++;
    return n <= 0 ? base : 1 + apply (nested_rec, n - 1);
  }

  int r1 = apply (nested, 5);
  CHECK (r1 == 15 + base);
  scale = 10;
  int r2 = apply_twice (nested, 2);
  CHECK (r2 == (2 * 10 + base) * 10 + base);
  int r3 = apply (nested_rec, 20);
  CHECK (r3 == 20 + base);
  CHECK (apply_tail (nested, 1) == 10 + base);
  CHECK (calls == 1 + 2 + 21 + 1);
  return r1 + r2 + r3;
}

int
main (void)
{
  long total = 0;
  for (int rep = 0; rep < 64; rep++)
    {
      long (*cv) (long, long) = HIDE (chain_value);
      void *chain = (void *) (0x1000L + rep);
      long v = __builtin_call_with_static_chain (cv (3, 4), chain);
      CHECK (v == 0x1000L + rep + 7);
      total += parent (rep);
    }
  CHECK (total != 0);
  puts ("ok");
  return 0;
}

/* { dg-output "ok" } */
/* { dg-final { scan-assembler {\tcall\t\.Ldp_(?:entry|hit|guard)_\d+$} } } */
/* { dg-final { scan-assembler-not {\tcall\t\*(?!__dynpromote_sample@GOTPCREL)} } } */
/* { dg-final { scan-stats {^\s+target [^\n]*sym=chain_value } } } */
/* { dg-final { scan-stats {^site [^\n]* func=apply kind=call } } } */
