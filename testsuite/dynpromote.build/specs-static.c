/* Purpose: the specs file with -static: the runtime's archive and its
   libraries (libelf, zlib) join the link after libc, inside the group
   GCC wraps around libgcc and libc for static links, so the archive's
   members are pulled in by the program's rewritten calls and resolve
   against libc, and the static program promotes its site (the lib spec
   is appended to, so the runtime comes after -lc).  Twin: specs-none.c
   (no flag, no rewritten call); static.c links the same archive by
   hand.  */
/* { dg-do run } */
/* { dg-plugin off } */
/* { dg-runtime none } */
/* { dg-options "-specs=@SPECS@ -static" } */
/* { dg-set-env DYNPROMOTE_LEARN_PERIOD 1 } */
/* { dg-set-env DYNPROMOTE_DECIDE_SAMPLES 8 } */
/* { dg-set-env DYNPROMOTE_TRUST_PREDICTOR 0 } */

#include "specs.c"

/* { dg-final { scan-assembler {^\.Ldp_call_\d+:} } } */
/* { dg-output "promotions \[1-9\]\[^\n\]*\nsum 9999900000" } */
/* { dg-final { scan-stats {^site [^\n]* func=site kind=\S+ state=promoted } } } */
