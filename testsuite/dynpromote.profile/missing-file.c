/* Purpose: a profile that cannot be read is one warning naming the
   option and the file; the unit is compiled as without it and runs.
   Twin: run.c.  */
/* { dg-do run } */
/* { dg-set-env DYNPROMOTE_TRUST_PREDICTOR 0 } */
/* { dg-options "-O2 -fcf-protection=none -fplugin-arg-dynpromote-profile=@SRCDIR@/no-such-profile.stats" } */

#include "cprof.h"

CPROF_MAIN

/* { dg-warning "dynpromote: cannot read .-fplugin-arg-dynpromote-profile. file .*no-such-profile\\.stats.: No such file or directory; compiling without it" "" { target *-*-* } 0 } */
/* { dg-output "ok" } */
/* { dg-final { scan-stats {^site [^\n]* func=call_site kind=call [^\n]* calls=1000 } } } */
