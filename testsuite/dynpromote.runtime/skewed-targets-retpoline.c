/* Purpose: behind a retpoline the 60/30/8/2 site of skewed-targets.c
   promotes all four targets, not the two that cover DYNPROMOTE_COVERAGE
   (80%): a compare
   costs less than the thunk each of the other 10% would pay, and the
   chain is hottest first.  Twin: skewed-targets.c (a plain build keeps
   two); fails with the coverage rule applied to retpoline sites.  */
/* { dg-do run } */
/* { dg-options "-mindirect-branch=thunk -fno-jump-tables -fcf-protection=none" } */
/* { dg-set-env DYNPROMOTE_LEARN_PERIOD 1 } */
/* { dg-set-env DYNPROMOTE_SAMPLE_PERIOD 10 } */
/* { dg-set-env DYNPROMOTE_RECHECK_MS 0 } */
/* { dg-set-env DYNPROMOTE_MAX_REPATCH 0 } */
/* { dg-set-env DYNPROMOTE_COVERAGE 80 } */

#define EXPECT_TARGETS 4
#include "skewed-targets.c"

/* { dg-output "promoted targets: 4\[^\n\]*\nskewed-targets ok" } */
/* { dg-final { scan-stats {^site [^\n]* func=call_one [^\n]*state=promoted [^\n]* misses=0 } } } */
