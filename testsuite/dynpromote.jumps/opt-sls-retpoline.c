/* Purpose: retpolines and -mharden-sls=all together: GCC's own thunk
   jumps get an int3 after them; the stub of each rewritten jump has its
   jump to the retpoline (jmp __dynpromote_thunk_r11) followed by the
   stub's int3 padding (.p2align 3, 0xcc: six bytes of it, the stub
   being 18 bytes before it), so nothing runs straight on after it
   either, and no GCC thunk jump is left.  Twins: opt-sls.c (a plain
   build: jmp *%r11 then int3), opt-retpoline.c.  */
/* { dg-do compile } */
/* { dg-require-options "-mharden-sls=all" } */
/* { dg-options "-O2 -mindirect-branch=thunk -mindirect-branch-register -mharden-sls=all" } */

#include "dispatch.h"

/* { dg-final { scan-rtl-dump-times {^rewritten jump site \d+ in run } 5 } } */
/* { dg-final { scan-assembler-times {^\.Ldp_jump_\d+:\n\tjmp\t__dynpromote_thunk_r11\n\t\.p2align 3, 0xcc\n} 5 } } */
/* { dg-final { scan-assembler-not {\tjmp\t__x86_indirect_thunk_} } } */
