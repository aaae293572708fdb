/* Purpose: exclude= names a dispatch function whose jumps stay as they
   are in a retpoline build (its dump lines say why); another function
   is rewritten.  Twin: opt-retpoline.c (run rewritten without
   exclude=).  */
/* { dg-do compile } */
/* { dg-options "-O2 -mindirect-branch=thunk -mindirect-branch-register -fplugin-arg-dynpromote-exclude=run" } */

#include "dispatch.h"

NOIPA long
pick (int k, long x)
{
  static void *const to[] = { &&a, &&b, &&c };
  goto *to[k];
 a: return x + 1;
 b: return ext_step (x);
 c: return x - 1;
}

/* { dg-final { scan-rtl-dump {^skipped jump in run at \S*dispatch\.h:\d+: function excluded by -fplugin-arg-dynpromote-exclude$} } } */
/* { dg-final { scan-rtl-dump-not {^rewritten jump site \d+ in run } } } */
/* { dg-final { scan-rtl-dump-times {^rewritten jump site \d+ in pick at \S*opt-exclude\.c:\d+$} 1 } } */
/* GCC's own two jumps: no copies are asked for in run.  */
/* { dg-final { scan-assembler-times {\tjmp\t__x86_indirect_thunk_r(?!11\n)[a-z0-9]+\n} 2 } } */
/* { dg-final { scan-assembler-times {^\.Ldp_entry_\d+:\n} 1 } } */
