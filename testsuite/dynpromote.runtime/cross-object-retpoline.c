/* Purpose: cross-object.c under retpolines, where the issue costs most:
   the call to strtol in libc, out of rel32 reach, is promoted through
   the program's PLT entry (a direct je to a plain `jmp *slot(%rip)':
   the PLT has no retpoline unless linked with -z retpolineplt) instead
   of taking the stub's retpoline on every call.  */
/* { dg-do run } */
/* { dg-options "-mindirect-branch=thunk -fno-jump-tables" } */
/* { dg-set-env DYNPROMOTE_LEARN_PERIOD 1 } */
/* { dg-set-env DYNPROMOTE_SAMPLE_PERIOD 10 } */
/* { dg-set-env DYNPROMOTE_RECHECK_MS 0 } */

#include "cross-object.c"

/* { dg-final { scan-assembler-not {\tjmp\t\*%r11} } } */

/* { dg-output "cross-object ok 1" } */
/* { dg-final { scan-stats {^site [^\n]* func=parse [^\n]*state=promoted [^\n]* unreachable=0 via_plt=1 } } } */
