/* Purpose: by default a plain build (no retpolines, no CET) keeps its
   indirect jumps: run's five dispatch jumps are left as GCC made them
   (raw jmp *%reg), each with a line in the dump saying why, and no
   jump reaches a stub.  Twins: opt-jumps.c (the same build with
   -fplugin-arg-dynpromote-jumps rewrites all five), opt-retpoline.c
   (the default with retpolines rewrites them).  */
/* { dg-do compile } */
/* { dg-options "-O2 -fcf-protection=none" } */

#include "dispatch.h"

/* { dg-final { scan-rtl-dump-times {^skipped jump in run at \S*dispatch\.h:\d+: jumps are rewritten with retpolines \(or -fplugin-arg-dynpromote-jumps\)$} 5 } } */
/* { dg-final { scan-rtl-dump-not {^rewritten } } } */
/* { dg-final { scan-assembler-times {\tjmp\t\*%r(?!11\n)[a-z0-9]+\n} 5 } } */
/* { dg-final { scan-assembler-not {\tjmp\t\.Ldp_entry_\d+\n} } } */
