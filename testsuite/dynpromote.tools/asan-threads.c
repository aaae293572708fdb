/* Purpose: a multi-threaded dynpromote build under AddressSanitizer
   (-fsanitize=address, LeakSanitizer at exit) runs with the results of
   its plain build and no report: the program of tsan-threads.c
   (threads-prog.h), whose sites are promoted, relearned and promoted
   again while four threads call them; the runtime's own memory (mapped
   with raw system calls) and its stack scans (process_vm_readv) are no
   business of ASan's.  asan-overflow.c is the twin: a heap overflow in
   a promoted callee, which ASan must report.  */
/* { dg-do run } */
/* Promotion is the precondition here; without retpolines a
   monomorphic or uniform site would be left to the predictor.  */
/* { dg-set-env DYNPROMOTE_TRUST_PREDICTOR 0 } */
/* { dg-options "-pthread -fsanitize=address -g" } */
/* { dg-set-env ASAN_OPTIONS "detect_leaks=1" } */
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

/* { dg-final { scan-stdout {^wrong=0$} } } */
/* { dg-final { scan-stdout {^promoted=1$} } } */
/* { dg-final { scan-stderr-not {(Address|Leak)Sanitizer} } } */
/* { dg-final { scan-stats {^promoter promotions=([2-9]|[1-9][0-9]+) relearns=[1-9]} } } */
/* { dg-final { scan-stats {^promoter .* grace_periods=[1-9][0-9]* .* reclaimed=[1-9]} "grace periods ended, trampolines reused" } } */
