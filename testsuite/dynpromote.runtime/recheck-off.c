/* Purpose: recheck.c with DYNPROMOTE_RECHECK_MS=0: a megamorphic site
   and a predicted site stay so (repatches=0, the megamorphic entry
   keeps jumping to the stub's indirect jump) after their calls settle on one and two
   targets, for longer than the default recheck time.  */
/* { dg-do run } */
/* { dg-set-env DYNPROMOTE_LEARN_PERIOD 1 } */
/* { dg-set-env DYNPROMOTE_SAMPLE_PERIOD 10 } */
/* { dg-set-env DYNPROMOTE_DECIDE_SAMPLES 100 } */
/* { dg-set-env DYNPROMOTE_RECHECK_MS 0 } */

#define EXPECT_NO_RECHECK 1
#include "recheck.c"

/* { dg-output "recheck ok" } */
/* { dg-final { scan-stats {^promoter [^\n]* rechecks=0 } } } */
/* { dg-final { scan-stats {^shared family=rk sites=2 state=megamorphic } } } */
