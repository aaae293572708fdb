/* Purpose: -mindirect-branch=thunk-inline: the stub of each rewritten
   jump carries its own inline retpoline (call, pause/lfence loop, mov
   %r11 to the return slot, ret) instead of a jump to a thunk, and no
   indirect jump is left.  Twins: opt-retpoline.c (thunk),
   opt-thunk-extern.c.  */
/* { dg-do compile } */
/* { dg-options "-O2 -mindirect-branch=thunk-inline -mindirect-branch-register" } */

#include "dispatch.h"

/* { dg-final { scan-rtl-dump-times {^rewritten jump site \d+ in run } 5 } } */
/* { dg-final { scan-assembler-times {^\.Ldp_jump_(\d+):\n\tcall\t\.Ldp_rp_set_\1\n\.Ldp_rp_trap_\1:\n\tpause\n\tlfence\n\tjmp\t\.Ldp_rp_trap_\1\n\.Ldp_rp_set_\1:\n(?:\t\.cfi[^\n]*\n)?\tmovq\t%r11, \(%rsp\)\n\tret\n} 5 } } */
/* { dg-final { scan-assembler-not {\t(?:notrack )?jmp\t\*} } } */
/* { dg-final { scan-assembler-not {\tjmp\t__(?:x86_indirect|dynpromote)_thunk_} } } */
