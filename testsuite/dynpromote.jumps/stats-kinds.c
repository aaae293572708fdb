/* Purpose: the statistics dump tells jump sites from calls: a computed
   goto's and a jump table's sites are kind=jump (record kind 3) with
   targets named as labels of their function (sym=FUNCTION+0xOFF),
   beside a call site (kind=call) and, at -O2, a sibcall site
   (kind=sibcall).  jumps.exp then runs dynpromote-stats on this dump:
   [jump] after the FUNCTION of each jump site and of nothing else,
   --kind=jump, call, call,sibcall, sibcall,jump and all three selecting
   exactly those sites, and a bad --kind value refused in one line with
   exit status 2.  Twin: opt-no-jumps.c (no jump site without the
   rewrite); mutation: -fplugin-arg-dynpromote-no-jumps fails the
   kind=jump scans here and the [jump] checks.  */
/* { dg-do run } */
/* { dg-options "-mindirect-branch=thunk -mindirect-branch-register -fjump-tables" } */

#include "dp-test.h"

typedef long (*fn) (long);
NOIPA long inc (long x) { return x + 1; }
NOIPA long dbl (long x) { return x * 2; }

NOIPA long call_here (fn f, long x) { return f (x) * 3; }
NOIPA long tail_here (fn f, long x) { return f (x + 1); }

NOIPA long
jump_here (int k, long x)
{
  static void *const to[] = { &&a, &&b, &&c };
  goto *to[k];
 a: return x + 5;
 b: return x * 7;
 c: return x - 9;
}

NOIPA long
jump_here_table (unsigned k, long x)
{
  switch (k)
    {
    case 0: return x + 11;
    case 1: return x * 13;
    case 2: return x - 17;
    case 3: return x ^ 19;
    case 4: return x + 23;
    case 5: return x * 29;
    case 6: return x - 31;
    case 7: return x ^ 37;
    default: return 0;
    }
}

int
main (void)
{
  static const long want_table[8][2] = { { 1, 11 }, { 13, 0 }, { 1, -17 },
					 { 1, 0 }, { 1, 23 }, { 29, 0 },
					 { 1, -31 }, { 1, 0 } };
  for (long i = 0; i < 3000; i++)
    {
      CHECK (call_here (HIDE (inc), i) == 3 * (i + 1));
      CHECK (tail_here (HIDE (dbl), i) == 2 * (i + 1));
      int k = (int) (i % 3);
      CHECK (jump_here (k, i) == (k == 0 ? i + 5 : k == 1 ? i * 7 : i - 9));
      unsigned t = (unsigned) (i % 8);
      long w = (t == 3 ? (i ^ 19) : t == 7 ? (i ^ 37)
		: want_table[t][0] * i + want_table[t][1]);
      CHECK (jump_here_table (t, i) == w);
    }
  puts ("ok");
  return 0;
}

/* { dg-output "ok" } */
/* { dg-final { scan-stats {^site [^\n]* func=call_here kind=call } } } */
/* { dg-final { scan-stats-times {^site [^\n]* func=jump_here kind=jump } 1 } } */
/* { dg-final { scan-stats-times {^site [^\n]* func=jump_here_table kind=jump } 1 } } */
/* { dg-final { scan-stats {^site [^\n]* func=jump_here kind=jump [^\n]*\n(?:  target [^\n]*\n)*  target [^\n]* sym=jump_here\+0x[0-9a-f]+ } } } */
/* { dg-final { scan-stats {^site [^\n]* func=jump_here_table kind=jump [^\n]*\n(?:  target [^\n]*\n)*  target [^\n]* sym=jump_here_table\+0x[0-9a-f]+ } } } */
/* { dg-final { scan-stats-not {^site [^\n]* func=(?:call|tail)_here kind=jump } } } */
/* { dg-final { scan-rtl-dump {^rewritten table jump site \d+ in jump_here_table at } } } */
