/* Purpose: DYNPROMOTE_OFF on the dispatch function leaves its jumps
   alone in a retpoline build, as it does its calls: GCC's thunk jumps
   stay, the dump says why for each, and no stub is made; a function
   beside it without the attribute is rewritten.  Twin:
   opt-retpoline.c (the same function without the attribute).  */
/* { dg-do compile } */
/* { dg-options "-O2 -mindirect-branch=thunk -mindirect-branch-register" } */

#include <dynpromote.h>

#define run DYNPROMOTE_OFF run
#include "dispatch.h"
#undef run

NOIPA long
pick (int k, long x)
{
  static void *const to[] = { &&a, &&b, &&c };
  goto *to[k];
 a: return x + 1;
 b: return ext_step (x);
 c: return x - 1;
}

/* { dg-final { scan-rtl-dump {^skipped jump in run at \S*dispatch\.h:\d+: function has attribute dynpromote_off$} } } */
/* { dg-final { scan-rtl-dump-not {^rewritten jump site \d+ in run } } } */
/* { dg-final { scan-rtl-dump-times {^rewritten jump site \d+ in pick at \S*opt-off\.c:\d+$} 1 } } */
/* GCC's own two jumps: no copies are asked for in run.  */
/* { dg-final { scan-assembler-times {\tjmp\t__x86_indirect_thunk_r(?!11\n)[a-z0-9]+\n} 2 } } */
/* { dg-final { scan-assembler-times {^\.Ldp_entry_\d+:\n} 1 } } */
