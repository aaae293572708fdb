/* Purpose: -mindirect-branch=thunk-extern: each rewritten jump's stub
   jumps through the program's own __x86_indirect_thunk_r11, as GCC's
   jumps would through theirs, and no GCC thunk jump or raw jump is left
   for the dispatch.  Twins: opt-retpoline.c, opt-thunk-inline.c.  */
/* { dg-do compile } */
/* { dg-options "-O2 -mindirect-branch=thunk-extern -mindirect-branch-register" } */

#include "dispatch.h"

/* { dg-final { scan-rtl-dump-times {^rewritten jump site \d+ in run } 5 } } */
/* { dg-final { scan-assembler-times {^\.Ldp_jump_\d+:\n\tjmp\t__x86_indirect_thunk_r11\n} 5 } } */
/* { dg-final { scan-assembler-times {\tjmp\t__x86_indirect_thunk_} 5 } } */
/* { dg-final { scan-assembler-not {\t(?:notrack )?jmp\t\*} } } */
