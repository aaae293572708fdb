/* Purpose: with retpolines (-mindirect-branch=thunk
   -mindirect-branch-register) jumps are rewritten by default: run's
   five dispatch jumps go to entry stubs whose own jump is the
   retpoline (jmp __dynpromote_thunk_r11), and none of GCC's thunk jumps
   (jmp __x86_indirect_thunk_REG) is left.  Twins: opt-no-jumps.c (the
   same build with no-jumps keeps GCC's five thunk jumps),
   opt-default-plain.c (without retpolines the default keeps them).  */
/* { dg-do compile } */
/* { dg-options "-O2 -mindirect-branch=thunk -mindirect-branch-register" } */

#include "dispatch.h"

/* { dg-final { scan-rtl-dump-times {^rewritten jump site \d+ in run at \S*dispatch\.h:\d+$} 5 } } */
/* { dg-final { scan-rtl-dump-not {^skipped } } } */
/* { dg-final { scan-assembler-times {\tjmp\t\.Ldp_entry_\d+\n} 5 } } */
/* { dg-final { scan-assembler-times {^\.Ldp_jump_\d+:\n\tjmp\t__dynpromote_thunk_r11\n} 5 } } */
/* { dg-final { scan-assembler-not {\tjmp\t__x86_indirect_thunk_} } } */
/* { dg-final { scan-assembler-not {\t(?:notrack )?jmp\t\*} } } */
