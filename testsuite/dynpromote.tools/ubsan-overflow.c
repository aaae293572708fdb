/* Purpose: the twin of ubsan-threads.c: the same program, whose last
   phase's function (reached through a call the runtime has promoted
   again by then) overflows a signed addition.  UBSan must report it in
   that callee, called from its caller, and stop the program
   (halt_on_error).  */
/* { dg-do run } */
/* { dg-options "-pthread -fsanitize=undefined -g -DSAN_BUG=SAN_BUG_SIGNED" } */
/* { dg-set-env UBSAN_OPTIONS "halt_on_error=1:print_stacktrace=1" } */
/* { dg-exit-status 1 } */
/* { dg-set-env DYNPROMOTE_LEARN_PERIOD 1 } */
/* { dg-set-env DYNPROMOTE_DECIDE_SAMPLES 16 } */
/* { dg-set-env DYNPROMOTE_SAMPLE_PERIOD 8 } */
/* { dg-set-env DYNPROMOTE_RELEARN_WINDOW 16 } */
/* { dg-set-env DYNPROMOTE_REPATCH_INTERVAL_MS 0 } */
/* { dg-set-env DYNPROMOTE_MAX_REPATCH 1000 } */
/* { dg-run-timeout 300 } */

#include "threads-prog.h"

int
main (void)
{
  return san_main ();
}

/* { dg-final { scan-stderr {threads-prog.h:[0-9]+:[0-9]+: runtime error: signed integer overflow} } } */
/* { dg-final { scan-stderr {^ +#0 0x[0-9a-f]+ in ph_last .*threads-prog.h:[0-9]+} "the overflowing callee" } } */
/* { dg-final { scan-stderr {^ +#1 0x[0-9a-f]+ in site_phase } "its caller" } } */
