/* Purpose: twin of live-r11.c: the same function with its value in an
   ordinary variable (no %r11 binding) has its jump rewritten, and runs
   right with the site promoted.  */
/* { dg-do run } */
/* { dg-options "-mindirect-branch=thunk -mindirect-branch-register" } */

#define LIVE_TWIN 1
#include "live-r11.c"

/* { dg-output "carry ok" } */
/* { dg-final { scan-rtl-dump-times {^rewritten jump site \d+ in carry at \S*live-r11\.c:\d+$} 1 } } */
/* { dg-final { scan-rtl-dump-not {^skipped } } } */
/* { dg-final { scan-assembler-not {\tjmp\t__x86_indirect_thunk_} } } */
/* { dg-final { scan-stats {^site [^\n]* func=carry kind=jump state=promoted } } } */
