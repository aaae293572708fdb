/* Purpose: in a function whose jumps are rewritten and that has
   computed gotos, the plugin asks GCC for a dispatch jump per handler
   (max-goto-duplication-insns 20, no cross-jumping): with retpolines,
   whose thunk jumps make GCC copy less, run has five rewritten jumps at
   -O2, its first and one after each of its four handlers, each with a
   line of its own in the dump (GCC 11 and 12 alike).  jump-copies is
   the default, said explicitly here.  Twin: opt-no-jump-copies.c
   (GCC's own choice: two).  */
/* { dg-do compile } */
/* { dg-options "-O2 -mindirect-branch=thunk -mindirect-branch-register -fplugin-arg-dynpromote-jump-copies" } */

#include "dispatch.h"

/* { dg-final { scan-rtl-dump-times {^rewritten jump site \d+ in run at } 5 } } */
/* { dg-final { scan-rtl-dump-not {^skipped } } } */
/* { dg-final { scan-assembler-times {\tjmp\t\.Ldp_entry_\d+\n} 5 } } */
