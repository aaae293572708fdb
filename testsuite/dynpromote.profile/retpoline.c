/* Purpose: in a function built with retpolines every hit skips the
   thunk, so targets down to 5% are guarded: both hot and cold, hottest
   first; only what neither is would reach the site (nothing here).
   call_two's calls, whose profile says predicted, keep their sites:
   behind a retpoline the runtime promotes what the predictor would
   serve (basic.c: left plain without retpolines).
   Twin: basic.c (plain: hot alone).  */
/* { dg-do run } */
/* { dg-set-env DYNPROMOTE_TRUST_PREDICTOR 0 } */
/* { dg-options "-O2 -fcf-protection=none -mindirect-branch=thunk -mfunction-return=keep -fplugin-arg-dynpromote-profile=@SRCDIR@/cprof.stats" } */

#include "cprof.h"

CPROF_MAIN

/* { dg-output "ok" } */
/* { dg-final { scan-tree-dump {in call_site \(its site, 1000 samples\): promoted hot \(90\.0%\) cold \(10\.0%\)\n} } } */
/* { dg-final { scan-stats {^site [^\n]* func=call_site kind=call [^\n]* calls=0 } } } */
/* { dg-final { scan-tree-dump-not {left plain\n} } } */
/* { dg-final { scan-stats-times {^site [^\n]* func=call_two kind=call } 2 } } */
