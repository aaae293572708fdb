/* Purpose: an extended asm (operands, clobbers) at a jump's target does
   not stop the rewrite: GCC knows what it reads and writes, and it
   neither reads %r11 nor the flags, so the liveness walk goes on past
   it and the jump is rewritten; the program runs right with the site
   promoted.  Its twin, a basic asm (asm ("...") without operands,
   which may read any register) at the target, must leave the jump
   alone ("cannot tell whether %r11 is live at its targets"); the
   plugin of commit 0324ed6 rewrites it, so that twin (basic-asm.c,
   with basic-asm-run.c) is kept apart until the plugin is fixed.  */
/* { dg-do run } */
/* { dg-options "-mindirect-branch=thunk -mindirect-branch-register" } */

#include "dp-test.h"

static long seen;

NOIPA long
pick (int k, long x)
{
  static void *const to[] = { &&a, &&b, &&c };
  goto *to[k];
 a: asm volatile ("nop" ::: "memory"); seen = x; return x + 1;
 b: asm volatile ("" : "+r" (x)); return x * 2;
 c: return x - 1;
}

int
main (void)
{
  for (long i = 0; i < 30000; i++)
    {
      int k = (int) (i % 3);
      CHECK (pick (k, i) == (k == 0 ? i + 1 : k == 1 ? 2 * i : i - 1));
      CHECK (k != 0 || seen == i);
    }
  puts ("pick ok");
  return 0;
}

/* { dg-output "pick ok" } */
/* { dg-final { scan-rtl-dump-times {^rewritten jump site \d+ in pick at \S*extended-asm\.c:\d+$} 1 } } */
/* { dg-final { scan-rtl-dump-not {^skipped } } } */
/* { dg-final { scan-stats {^site [^\n]* func=pick kind=jump state=promoted } } } */
