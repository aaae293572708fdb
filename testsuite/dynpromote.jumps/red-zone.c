/* Purpose: a jump is left alone in a function that keeps data in the
   red zone (below %rsp, where the stub's call and the sampling routine
   write): leaf () is a leaf with a local array in memory, so in a plain
   build with -fplugin-arg-dynpromote-jumps GCC puts it in the red zone;
   the dump says so, the raw jump stays, and the results (read from
   the array after the jump) are right.  Twins: red-zone-twin.c
   (-mno-red-zone: rewritten, and still right), red-zone-retpoline.c
   (GCC uses no red zone in a function with retpolines and local
   indirect jumps: rewritten).  */
/* { dg-do run } */
/* { dg-options "-fcf-protection=none -fplugin-arg-dynpromote-jumps" } */
/* Promotion is the precondition of the twins.  */
/* { dg-set-env DYNPROMOTE_TRUST_PREDICTOR 0 } */

#include "dp-test.h"

NOIPA long
leaf (int k, long x)
{
  static void *const to[] = { &&a, &&b, &&c };
  volatile long buf[4] = { x, x + 1, x + 2, x + 3 };
  goto *to[k];
 a: return buf[0] + buf[3];
 b: return buf[1] * 2;
 c: return buf[2] - 1;
}

int
main (void)
{
  for (long i = 0; i < 30000; i++)
    {
      int k = (int) (i % 3);
      long want = k == 0 ? 2 * i + 3 : k == 1 ? 2 * i + 2 : i + 1;
      CHECK (leaf (k, i) == want);
    }
  puts ("leaf ok");
  return 0;
}

/* { dg-output "leaf ok" } */
/* { dg-final { scan-rtl-dump-times {^skipped jump in leaf at \S*red-zone\.c:\d+: the function keeps data in the red zone$} 1 } } */
/* { dg-final { scan-rtl-dump-not {^rewritten } } } */
/* { dg-final { scan-assembler-times {\tjmp\t\*(?!%r11\n)} 1 } } */
/* { dg-final { scan-stats-not {^site [^\n]* kind=jump } } } */
