/* Purpose: route-miss.c under retpolines: a megamorphic site's entry
   jumps to the stub's protected indirect jump (entry+13) and its miss
   call stays the call to the entry; promoted sites go through the entry
   to their trampolines as without retpolines.  */
/* { dg-do run } */
/* { dg-options "-mindirect-branch=thunk -fno-jump-tables" } */
/* { dg-set-env DYNPROMOTE_LEARN_PERIOD 1 } */
/* { dg-set-env DYNPROMOTE_SAMPLE_PERIOD 10 } */
/* { dg-set-env DYNPROMOTE_REPATCH_INTERVAL_MS 1 } */
/* { dg-set-env DYNPROMOTE_COVERAGE 100 } */
/* Four targets, as without retpolines (eight, their default, would
   cover two thirds of the twelve and promote): the megamorphic path is
   what this test is about.  */
/* { dg-set-env DYNPROMOTE_MAX_TARGETS 4 } */
/* No recheck: the verdict must hold until it is looked at (recheck.c
   covers rechecks).  */
/* { dg-set-env DYNPROMOTE_RECHECK_MS 0 } */
/* Four targets a trampoline, as without retpolines (the default there
   is eight, which cover 8/12 of spread's targets: never megamorphic).  */
/* { dg-set-env DYNPROMOTE_MAX_TARGETS 4 } */

#define EXPECT_RETPOLINE 1
#include "route-miss.c"

/* { dg-final { scan-assembler-not {\tjmp\t\*%r11} } } */

/* { dg-output "route-miss ok" } */
/* { dg-final { scan-stats {^site [^\n]* func=spread [^\n]*state=megamorphic } } } */
