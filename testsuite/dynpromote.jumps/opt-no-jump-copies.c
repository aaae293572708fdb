/* Purpose: -fplugin-arg-dynpromote-no-jump-copies keeps GCC's own
   number of computed-goto copies: with retpolines at -O2 GCC leaves run
   two dispatch jumps (GCC 11 and 12), both rewritten, where the
   default makes five.  Twin: opt-jump-copies.c.  */
/* { dg-do compile } */
/* { dg-options "-O2 -mindirect-branch=thunk -mindirect-branch-register -fplugin-arg-dynpromote-no-jump-copies" } */

#include "dispatch.h"

/* { dg-final { scan-rtl-dump-times {^rewritten jump site \d+ in run at } 2 } } */
/* { dg-final { scan-rtl-dump-not {^skipped } } } */
/* { dg-final { scan-assembler-times {\tjmp\t\.Ldp_entry_\d+\n} 2 } } */
/* { dg-final { scan-assembler-not {\tjmp\t__x86_indirect_thunk_} } } */
