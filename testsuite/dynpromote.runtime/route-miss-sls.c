/* Purpose: route-miss.c under -mharden-sls=all: the stub's indirect
   jump is followed by an int3 (no straight-line speculation past it),
   and the copy of that jump the runtime writes into a megamorphic
   site's entry keeps the int3 right after the jump.  */
/* { dg-do run } */
/* -mharden-sls came with GCC 11.3 (GCC 12 on the main line).  */
/* { dg-require-options "-mharden-sls=all" } */
/* { dg-options "-fplugin-arg-dynpromote-inline-guard -mharden-sls=all" } */
/* { dg-set-env DYNPROMOTE_LEARN_PERIOD 1 } */
/* { dg-set-env DYNPROMOTE_SAMPLE_PERIOD 10 } */
/* { dg-set-env DYNPROMOTE_REPATCH_INTERVAL_MS 1 } */
/* { dg-set-env DYNPROMOTE_COVERAGE 100 } */
/* No recheck: the verdict must hold until it is looked at (recheck.c
   covers rechecks).  */
/* { dg-set-env DYNPROMOTE_RECHECK_MS 0 } */

#define EXPECT_SLS 1
#include "route-miss.c"

/* { dg-final { scan-assembler {\tjmp\t\*%r11\n\tint3\n} } } */
/* { dg-final { scan-assembler-not {\tjmp\t\*%r11\n[^\t]*\t[^i]} } } */
/* { dg-final { scan-stats {^site [^\n]* func=spread [^\n]*state=megamorphic } } } */
