/* Purpose: warm start under valgrind (memcheck, following the exec into
   the second run): the profile is read, the site promoted before its
   first call and every call checked, with no memcheck error (a read of
   the profile or of the symbol tables past what was loaded would be
   one).  Twin: profile-warm.c (natively).  */
/* { dg-do run } */
/* { dg-run-under valgrind -q --trace-children=yes --error-exitcode=99 } */
/* { dg-run-timeout 300 } */
/* { dg-set-env DYNPROMOTE_SAMPLE_PERIOD 1 } */
/* { dg-set-env DYNPROMOTE_LEARN_PERIOD 1 } */
/* { dg-set-env DYNPROMOTE_TRUST_PREDICTOR 0 } */
/* { dg-set-env DYNPROMOTE_COVERAGE 100 } */
/* { dg-set-env DYNPROMOTE_RECHECK_MS 0 } */
/* { dg-set-env DP_PROFILE_FILE @DIR@/profile.txt } */

#include "profile-warm.c"

/* { dg-output "warm ok" } */
/* { dg-final { scan-stats {^site [^\n]* func=call_site kind=\w+ state=promoted [^\n]* hits=1000 misses=0 [^\n]*promotions=1 } } } */
