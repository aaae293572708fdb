/* Purpose: a promoted call reaches its target directly: with cprof.stats
   compiled in, only call_site's cold calls (one in ten) reach its
   rewritten indirect call (exact count in the dump).  Each of
   call_two's two calls was given its own target, and what its guard
   misses is an ordinary indirect call, no site (its profile says
   predicted).  Every result is checked.  Twin: run-none.c (all calls
   reach the sites).  */
/* { dg-do run } */
/* { dg-set-env DYNPROMOTE_TRUST_PREDICTOR 0 } */
/* { dg-options "-O2 -fcf-protection=none -fplugin-arg-dynpromote-profile=@SRCDIR@/cprof.stats" } */

#include "cprof.h"

CPROF_MAIN

/* { dg-output "ok" } */
/* { dg-final { scan-stats {^site [^\n]* func=call_site kind=call [^\n]* calls=100 } } } */
/* { dg-final { scan-stats-not {^site [^\n]* func=call_two } } } */
