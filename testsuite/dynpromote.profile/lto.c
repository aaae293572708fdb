/* Purpose: with -flto the guards are made when the unit is compiled
   (lto1 does not read the profile again) and work the same: only the
   cold calls reach call_site's site.  */
/* { dg-do run } */
/* { dg-set-env DYNPROMOTE_TRUST_PREDICTOR 0 } */
/* { dg-options "-O2 -flto -fcf-protection=none -fplugin-arg-dynpromote-profile=@SRCDIR@/cprof.stats" } */

#include "cprof.h"

CPROF_MAIN

/* { dg-output "ok" } */
/* { dg-final { scan-stats {^site [^\n]* func=call_site kind=call [^\n]* calls=100 } } } */
