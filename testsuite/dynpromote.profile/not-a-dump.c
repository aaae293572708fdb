/* Purpose: a file that is not a statistics dump is one warning naming
   the option, the file and the line; the unit compiles as without it.
   Twin: run.c.  */
/* { dg-do run } */
/* { dg-set-env DYNPROMOTE_TRUST_PREDICTOR 0 } */
/* { dg-options "-O2 -fcf-protection=none -fplugin-arg-dynpromote-profile=@SRCDIR@/not-a-dump.stats" } */

#include "cprof.h"

CPROF_MAIN

/* { dg-warning "dynpromote: .-fplugin-arg-dynpromote-profile. file .*not-a-dump\\.stats. is not a dynpromote statistics dump \\(line 1\\); compiling without it" "" { target *-*-* } 0 } */
/* { dg-output "ok" } */
/* { dg-final { scan-stats {^site [^\n]* func=call_site kind=call [^\n]* calls=1000 } } } */
