/* Purpose: a jump is left alone when %r11 is live at one of its
   targets.  carry () keeps a value in %r11 across its computed goto
   (a local register variable, read and written by an asm at every
   label), so rewriting the jump (movq TARGET, %r11) would destroy it:
   the dump says "%r11 is live at a target", the jump stays GCC's
   thunk jump, and the results (which go through %r11) are right.
   Twin: live-r11-twin.c (the same without the binding is rewritten).  */
/* { dg-do run } */
/* { dg-options "-mindirect-branch=thunk -mindirect-branch-register" } */

#include "dp-test.h"

NOIPA long
carry (int k, long x)
{
  static void *const to[] = { &&a, &&b, &&c };
#ifndef LIVE_TWIN
  register long v asm ("r11") = x;
#else
  long v = x;
#endif
  asm volatile ("# %0 carried across the jump" : "+r" (v));
  goto *to[k];
 a: asm volatile ("addq $1, %0" : "+r" (v)); return v * 3;
 b: asm volatile ("addq $2, %0" : "+r" (v)); return v * 5;
 c: asm volatile ("addq $3, %0" : "+r" (v)); return v * 7;
}

int
main (void)
{
  for (long i = 0; i < 30000; i++)
    {
      int k = (int) (i % 3);
      long want = (i + k + 1) * (k == 0 ? 3 : k == 1 ? 5 : 7);
      CHECK (carry (k, i) == want);
    }
  puts ("carry ok");
  return 0;
}

/* { dg-output "carry ok" } */
/* { dg-final { scan-rtl-dump-times {^skipped jump in carry at \S*live-r11\.c:\d+: %r11 is live at a target$} 1 } } */
/* { dg-final { scan-rtl-dump-not {^rewritten } } } */
/* { dg-final { scan-assembler-times {\tjmp\t__x86_indirect_thunk_r[a-z0-9]+\n} 1 } } */
/* { dg-final { scan-stats-not {^site [^\n]* kind=jump } } } */
