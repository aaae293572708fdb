/* Purpose: twin of retpoline.c in a plain build whose two site
   functions alone are built with retpolines (the indirect_branch
   attribute, not -mindirect-branch): the pass asks the function, so it
   applies the retpoline policy to them (hot and cold guarded, call_two's
   predicted calls keep their sites), as basic.c shows it does not
   without the attribute.  */
/* { dg-do run } */
/* { dg-set-env DYNPROMOTE_TRUST_PREDICTOR 0 } */
/* { dg-options "-O2 -fcf-protection=none -fplugin-arg-dynpromote-profile=@SRCDIR@/cprof.stats" } */

#define CPROF_SITE_ATTRS __attribute__ ((indirect_branch ("thunk")))
#include "cprof.h"

CPROF_MAIN

/* { dg-output "ok" } */
/* { dg-final { scan-tree-dump {in call_site \(its site, 1000 samples\): promoted hot \(90\.0%\) cold \(10\.0%\)\n} } } */
/* { dg-final { scan-stats {^site [^\n]* func=call_site kind=call [^\n]* calls=0 } } } */
/* { dg-final { scan-tree-dump-not {left plain\n} } } */
/* { dg-final { scan-stats-times {^site [^\n]* func=call_two kind=call } 2 } } */
/* The sites of call_site and call_two jump through the retpoline.  */
/* { dg-final { scan-assembler {\tjmp\t__dynpromote_thunk_r11\n} } } */
