/* Purpose: a multi-threaded dynpromote build under ThreadSanitizer
   (-fsanitize=thread) runs with the results of its plain build and no
   report: four threads and main call through three sites whose targets
   are promoted, relearned in phases and promoted again (threads-prog.h),
   and the grace periods that reuse retired trampolines end (probe
   signals to running threads, /proc reads by the runtime's helper task).
   Before this test the runtime made its helper task with glibc's clone,
   which TSan intercepts as a fork: the program segfaulted (the helper
   read its argument from the interceptor's dead frame) or TSan reported
   a race the program does not have (its state reset by a "child" that
   shares its memory), in most runs.  It also installed the probe
   handler with sigaction, which TSan wraps: the handler then ran late,
   at the thread's next intercepted call, with the context of a moment
   the thread had left.  tsan-race.c is the twin: the same program with
   a race in a promoted callee, which TSan must report.  */
/* { dg-do run } */
/* Promotion is the precondition here; without retpolines a
   monomorphic or uniform site would be left to the predictor.  */
/* { dg-set-env DYNPROMOTE_TRUST_PREDICTOR 0 } */
/* { dg-options "-pthread -fsanitize=thread -g" } */
/* { dg-set-env TSAN_OPTIONS "halt_on_error=1:exitcode=66" } */
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
/* { dg-final { scan-stderr-not {ThreadSanitizer} } } */
/* { dg-final { scan-stats {^promoter promotions=([2-9]|[1-9][0-9]+) relearns=[1-9]} } } */
/* { dg-final { scan-stats {^promoter .* grace_periods=[1-9][0-9]* .* reclaimed=[1-9]} "grace periods ended, trampolines reused" } } */
