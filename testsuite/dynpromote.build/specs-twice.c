/* Purpose: the one flag given twice to one gcc command, as make's
   built-in rule for a one-file program does ($(CC) $(CFLAGS) $(LDFLAGS)
   x.c -o x, with -specs= in both): the specs file must be loadable twice
   (a %rename in it made the second load a fatal error).  The program is
   rewritten, linked with the runtime, and promotes.  Twin: specs.c, the
   flag once.  */
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
