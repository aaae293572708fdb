/* Purpose: -mharden-sls=return hardens returns only, so the stubs'
   jumps have no int3 after them.  Twin: opt-sls-indirect-jmp.c.  */
/* { dg-do compile } */
/* { dg-require-options "-mharden-sls=return" } */
/* { dg-options "-O2 -fcf-protection=none -fplugin-arg-dynpromote-jumps -mharden-sls=return" } */

#include "dispatch.h"

/* { dg-final { scan-assembler-times {^\.Ldp_jump_\d+:\n\tjmp\t\*%r11\n} 5 } } */
/* { dg-final { scan-assembler-not {^\.Ldp_jump_\d+:\n\tjmp\t\*%r11\n\tint3\n} } } */
