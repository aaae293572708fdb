/* Purpose: the specs file read twice by one gcc command, as when a
   make rule passes CFLAGS and LDFLAGS to one compile-and-link step
   ("$(CC) $(CFLAGS) $(LDFLAGS) -o prog prog.c", zlib's test programs,
   and every Debian package built with -specs= in DEB_CFLAGS_APPEND and
   DEB_LDFLAGS_APPEND): gcc accepts it (a specs file that renamed a spec
   was refused the second time: "attempt to rename spec 'lib' to already
   defined spec"), the call is rewritten, the runtime is linked once
   needed and the site is promoted.  Twin: specs.c, the flag once.  */
/* { dg-do run } */
/* { dg-plugin off } */
/* { dg-runtime none } */
/* { dg-options "-specs=@SPECS@ -specs=@SPECS@ -Wl,--as-needed" } */
/* { dg-set-env DYNPROMOTE_LEARN_PERIOD 1 } */
/* { dg-set-env DYNPROMOTE_DECIDE_SAMPLES 8 } */
/* { dg-set-env DYNPROMOTE_TRUST_PREDICTOR 0 } */

#include "specs.c"

/* { dg-final { scan-assembler {^\.Ldp_call_\d+:} } } */
/* { dg-output "promotions \[1-9\]\[^\n\]*\nsum 9999900000" } */
/* { dg-final { scan-stats {^site [^\n]* func=site kind=\S+ state=promoted } } } */
