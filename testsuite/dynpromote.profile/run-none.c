/* Purpose: twin of run.c without a profile: every call reaches the
   rewritten indirect calls.  */
/* { dg-do run } */
/* { dg-set-env DYNPROMOTE_TRUST_PREDICTOR 0 } */
/* { dg-options "-O2 -fcf-protection=none" } */

#include "cprof.h"

CPROF_MAIN

/* { dg-output "ok" } */
/* { dg-final { scan-stats {^site [^\n]* func=call_site kind=call [^\n]* calls=1000 } } } */
/* { dg-final { scan-stats-times {^site [^\n]* func=call_two kind=call [^\n]* calls=1000 } 2 } } */
