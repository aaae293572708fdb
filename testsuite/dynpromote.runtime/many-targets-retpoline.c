/* Purpose: behind a retpoline a site with eight equally hot targets gets
   all eight (a chain of compares, even mispredicted, costs less than the
   thunk), none of its calls miss to the retpoline, and every call reaches
   the function it asked for.  Twin: many-targets.c (a plain build keeps
   four); fails with a default of four for every build.  */
/* { dg-do run } */
/* { dg-options "-mindirect-branch=thunk -fno-jump-tables -fcf-protection=none" } */
/* { dg-set-env DYNPROMOTE_LEARN_PERIOD 1 } */
/* { dg-set-env DYNPROMOTE_SAMPLE_PERIOD 10 } */
/* { dg-set-env DYNPROMOTE_COVERAGE 100 } */
/* { dg-set-env DYNPROMOTE_RECHECK_MS 0 } */

#define EXPECT_TARGETS 8
#include "many-targets.c"

/* { dg-final { scan-assembler-not {\tjmp\t\*%r11} } } */
/* { dg-output "promoted targets: 8\[^\n\]*\nmany-targets ok" } */
/* { dg-final { scan-stats {^site [^\n]* func=precall [^\n]*state=promoted [^\n]* misses=0 } } } */
