/* Purpose: "built with retpolines" is decided per function: in a plain
   build, only the function that asks for retpolines itself
   (indirect_branch ("thunk")) has its jump rewritten by default, with
   the retpoline as its stub's jump; the plain function's five jumps
   stay raw (their dump lines say why).  Twins: opt-default-plain.c
   (nothing rewritten without the attribute), opt-retpoline.c (the whole
   build with retpolines).  */
/* { dg-do compile } */
/* { dg-options "-O2 -fcf-protection=none" } */

#include "dispatch.h"

__attribute__ ((noipa, indirect_branch ("thunk"))) long
hardened (int k, long x)
{
  static void *const to[] = { &&a, &&b, &&c };
  goto *to[k];
 a: return x + 1;
 b: return ext_step (x);
 c: return x - 1;
}

/* { dg-final { scan-rtl-dump-times {^rewritten jump site \d+ in hardened at \S*opt-attr-retpoline\.c:\d+$} 1 } } */
/* { dg-final { scan-rtl-dump-times {^skipped jump in run at [^\n]*: jumps are rewritten with retpolines } 5 } } */
/* { dg-final { scan-assembler-times {^\.Ldp_jump_\d+:\n\tjmp\t__dynpromote_thunk_r11\n} 1 } } */
/* { dg-final { scan-assembler-times {\tjmp\t\*%r(?!11\n)[a-z0-9]+\n} 5 } } */
