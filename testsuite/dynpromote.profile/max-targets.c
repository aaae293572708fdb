/* Purpose: max-targets=1 caps the guards a call gets, even behind a
   retpoline (retpoline.c: two).  */
/* { dg-do run } */
/* { dg-set-env DYNPROMOTE_TRUST_PREDICTOR 0 } */
/* { dg-options "-O2 -fcf-protection=none -mindirect-branch=thunk -mfunction-return=keep -fplugin-arg-dynpromote-max-targets=1 -fplugin-arg-dynpromote-profile=@SRCDIR@/cprof.stats" } */

#include "cprof.h"

CPROF_MAIN

/* { dg-output "ok" } */
/* { dg-final { scan-tree-dump {in call_site \(its site, 1000 samples\): promoted hot \(90\.0%\)\n} } } */
/* { dg-final { scan-stats {^site [^\n]* func=call_site kind=call [^\n]* calls=100 } } } */
