/* Purpose: under -mharden-sls=all (straight-line speculation) GCC puts
   an int3 after each indirect jump; the stub of each rewritten jump
   keeps it after its jmp *%r11.  Twin: opt-jumps.c (the same build
   without -mharden-sls: no int3 after the stubs' jumps).  */
/* { dg-do compile } */
/* -mharden-sls came with GCC 11.3 (GCC 12 on the main line).  */
/* { dg-require-options "-mharden-sls=all" } */
/* { dg-options "-O2 -fcf-protection=none -fplugin-arg-dynpromote-jumps -mharden-sls=all" } */

#include "dispatch.h"

/* { dg-final { scan-rtl-dump-times {^rewritten jump site \d+ in run } 5 } } */
/* { dg-final { scan-assembler-times {^\.Ldp_jump_\d+:\n\tjmp\t\*%r11\n\tint3\n} 5 } } */
/* { dg-final { scan-assembler-not {\tjmp\t\*[^\n]*\n(?!\tint3\n)} } } */
