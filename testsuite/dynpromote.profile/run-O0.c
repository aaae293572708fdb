/* Purpose: at -O0 nothing is inlined, but the guarded direct call is
   there (call hot) and takes hot's calls: call_site's site sees only
   the cold ones.  */
/* { dg-do run } */
/* { dg-set-env DYNPROMOTE_TRUST_PREDICTOR 0 } */
/* { dg-options "-O0 -fplugin-arg-dynpromote-profile=@SRCDIR@/cprof.stats" } */

#include "cprof.h"

CPROF_MAIN

/* { dg-output "ok" } */
/* { dg-final { scan-assembler {call\s+hot\M} } } */
/* { dg-final { scan-stats {^site [^\n]* func=call_site kind=call [^\n]* calls=100 } } } */
