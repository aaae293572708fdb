/* Purpose: twin of red-zone.c with -mno-red-zone: leaf () keeps its
   array above %rsp, so its jump is rewritten (stub jump jmp *%r11, no
   raw jump left), and the array survives the stub's call: the results
   stay right with the site promoted.  */
/* { dg-do run } */
/* { dg-options "-fcf-protection=none -fplugin-arg-dynpromote-jumps -mno-red-zone" } */
/* { dg-set-env DYNPROMOTE_TRUST_PREDICTOR 0 } */

#include "red-zone.c"

/* { dg-output "leaf ok" } */
/* { dg-final { scan-rtl-dump-times {^rewritten jump site \d+ in leaf at \S*red-zone\.c:\d+$} 1 } } */
/* { dg-final { scan-rtl-dump-not {^skipped } } } */
/* { dg-final { scan-assembler-times {\tjmp\t\*} 1 } } */
/* { dg-final { scan-assembler-times {^\.Ldp_jump_\d+:\n\tjmp\t\*%r11\n} 1 } } */
/* { dg-final { scan-stats {^site [^\n]* func=leaf kind=jump state=promoted } } } */
