/* Purpose: a stale profile changes no result.  stale.stats has
   call_site's targets the other way round (cold 50%), a function that
   does not exist and an offset inside hot; its call_two entry is two
   lines off.  cold is guarded (it exists), so the hot calls, 90%, miss
   and reach the site: the program's own pointer decides every call.
   The others are not nameable; call_two is unmatched.  With
   retpolines, so that every target of the profile (down to 5%) is
   considered.  */
/* { dg-do run } */
/* { dg-set-env DYNPROMOTE_TRUST_PREDICTOR 0 } */
/* { dg-options "-O2 -fcf-protection=none -mindirect-branch=thunk -mfunction-return=keep -fplugin-arg-dynpromote-profile=@SRCDIR@/stale.stats" } */

#include "cprof.h"

CPROF_MAIN

/* { dg-output "ok" } */
/* { dg-final { scan-tree-dump {in call_site \(its site, 1000 samples\): promoted cold \(50\.0%\) no_such_function \(not nameable here\) hot\+0x4 \(not nameable here\)\n} } } */
/* { dg-final { scan-tree-dump {call 1 of 2 at cprof-site\.c:1008:10 in call_two: unmatched} } } */
/* { dg-final { scan-tree-dump {call_two: 2 indirect calls, 0 matched, 0 promoted \(0 targets\), 0 left plain, 2 unmatched} } } */
/* { dg-final { scan-stats {^site [^\n]* func=call_site kind=call [^\n]* calls=900 } } } */
/* { dg-final { scan-stats-times {^site [^\n]* func=call_two kind=call [^\n]* calls=1000 } 2 } } */
