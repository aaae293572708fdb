/* Purpose: -mharden-sls=indirect-jmp asks for the int3 after indirect
   jumps only (not after returns): the stubs of rewritten jumps have
   it too.  Twin: opt-sls-return.c (-mharden-sls=return: none after the
   stubs' jumps).  */
/* { dg-do compile } */
/* { dg-require-options "-mharden-sls=indirect-jmp" } */
/* { dg-options "-O2 -fcf-protection=none -fplugin-arg-dynpromote-jumps -mharden-sls=indirect-jmp" } */

#include "dispatch.h"

/* { dg-final { scan-assembler-times {^\.Ldp_jump_\d+:\n\tjmp\t\*%r11\n\tint3\n} 5 } } */
