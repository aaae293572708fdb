/* Purpose: warm start with the runtime linked statically (-static-pie's
   twin: the runtime's objects register before its own constructor has
   read DYNPROMOTE_PROFILE, and are seeded once it has): the second run's
   site is promoted before its first call.  Twin: profile-warm.c (the
   shared runtime).  */
/* { dg-do run } */
/* { dg-runtime static } */
/* { dg-set-env DYNPROMOTE_SAMPLE_PERIOD 1 } */
/* { dg-set-env DYNPROMOTE_LEARN_PERIOD 1 } */
/* { dg-set-env DYNPROMOTE_TRUST_PREDICTOR 0 } */
/* { dg-set-env DYNPROMOTE_COVERAGE 100 } */
/* { dg-set-env DYNPROMOTE_RECHECK_MS 0 } */
/* { dg-set-env DP_PROFILE_FILE @DIR@/profile.txt } */

#include "profile-warm.c"

/* { dg-output "warm ok" } */
/* { dg-final { scan-stats {^site [^\n]* func=call_site kind=\w+ state=promoted [^\n]* hits=1000 misses=0 [^\n]*promotions=1 } } } */
/* { dg-final { scan-stderr-not {warning} } } */
