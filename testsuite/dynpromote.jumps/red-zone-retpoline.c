/* Purpose: twin of red-zone.c in a retpoline build: GCC gives a
   function with retpolines and local indirect jumps no red zone (its
   thunks call), so leaf ()'s jump is rewritten by default, its stub's
   jump the retpoline, and the array survives the stub's call: results
   right, site promoted.  */
/* { dg-do run } */
/* { dg-options "-mindirect-branch=thunk -mindirect-branch-register" } */

#include "red-zone.c"

/* { dg-output "leaf ok" } */
/* { dg-final { scan-rtl-dump-times {^rewritten jump site \d+ in leaf at \S*red-zone\.c:\d+$} 1 } } */
/* { dg-final { scan-rtl-dump-not {^skipped } } } */
/* { dg-final { scan-assembler-times {^\.Ldp_jump_\d+:\n\tjmp\t__dynpromote_thunk_r11\n} 1 } } */
/* { dg-final { scan-assembler-not {\tjmp\t__x86_indirect_thunk_} } } */
/* { dg-final { scan-stats {^site [^\n]* func=leaf kind=jump state=promoted } } } */
