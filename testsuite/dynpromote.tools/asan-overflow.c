/* Purpose: the twin of asan-threads.c: the same program, whose last
   phase's function (reached through a call the runtime has promoted
   again by then) reads one element past a malloc'd array.  ASan must
   report the overflow in that callee, called from its caller (stubs and
   trampolines jump: they make no frame), and stop the program.  */
/* { dg-do run } */
/* { dg-options "-pthread -fsanitize=address -g -DSAN_BUG=SAN_BUG_HEAP" } */
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

/* { dg-final { scan-stderr {ERROR: AddressSanitizer: heap-buffer-overflow} } } */
/* { dg-final { scan-stderr {^ +#0 0x[0-9a-f]+ in ph_last .*threads-prog.h:[0-9]+} "the overflowing callee" } } */
/* { dg-final { scan-stderr {^ +#1 0x[0-9a-f]+ in site_phase } "its caller" } } */
/* { dg-final { scan-stderr {SUMMARY: AddressSanitizer: heap-buffer-overflow .* in ph_last} } } */
