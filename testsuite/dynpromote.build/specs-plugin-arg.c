/* Purpose: the one flag with a plugin option after it, as a build
   passes CFLAGS="-specs=... -fplugin-arg-dynpromote-verbose": GCC wants
   -fplugin before any -fplugin-arg-dynpromote-*, so the specs file puts
   the plugin in the cc1 spec, which comes before the command line's own
   -f options (appended to cc1_options it came after them, and cc1 stopped
   with "plugin dynpromote should be specified before ...").  Twin:
   specs.c, the flag alone, which prints no note.  */
/* { dg-do run } */
/* { dg-plugin off } */
/* { dg-runtime none } */
/* { dg-options "-specs=@SPECS@ -fplugin-arg-dynpromote-verbose -Wl,--as-needed" } */
/* { dg-set-env DYNPROMOTE_LEARN_PERIOD 1 } */
/* { dg-set-env DYNPROMOTE_DECIDE_SAMPLES 8 } */
/* { dg-set-env DYNPROMOTE_TRUST_PREDICTOR 0 } */

#include "specs.c"

/* { dg-message "dynpromote: rewrote indirect" "" { target *-*-* } 0 } */
/* { dg-final { scan-assembler {^\.Ldp_call_\d+:} } } */
/* { dg-output "promotions \[1-9\]\[^\n\]*\nsum 9999900000" } */
