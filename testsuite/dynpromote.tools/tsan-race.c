/* Purpose: the twin of tsan-threads.c: the same program, whose last
   phase's function (reached through a call the runtime has promoted
   again by then) makes a plain read-modify-write of one variable in
   every thread.  ThreadSanitizer must report that race, naming the
   callee and its caller (the stub and trampoline jump: they make no
   frame), and stop the program with its exit code: its silence in
   tsan-threads.c means something.  */
/* { dg-do run } */
/* { dg-options "-pthread -fsanitize=thread -g -DSAN_BUG=SAN_BUG_RACE" } */
/* { dg-set-env TSAN_OPTIONS "halt_on_error=1:exitcode=66" } */
/* { dg-set-env DYNPROMOTE_LEARN_PERIOD 1 } */
/* { dg-set-env DYNPROMOTE_DECIDE_SAMPLES 16 } */
/* { dg-set-env DYNPROMOTE_SAMPLE_PERIOD 8 } */
/* { dg-set-env DYNPROMOTE_RELEARN_WINDOW 16 } */
/* { dg-set-env DYNPROMOTE_REPATCH_INTERVAL_MS 0 } */
/* { dg-set-env DYNPROMOTE_MAX_REPATCH 1000 } */
/* { dg-exit-status 66 } */
/* { dg-run-timeout 300 } */

#include "threads-prog.h"

int
main (void)
{
  return san_main ();
}

/* { dg-final { scan-stderr {^WARNING: ThreadSanitizer: data race} } } */
/* { dg-final { scan-stderr {^ +#0 ph_last .*threads-prog.h:[0-9]+} "the racing callee" } } */
/* { dg-final { scan-stderr {^ +#1 site_phase } "its caller" } } */
/* { dg-final { scan-stderr {SUMMARY: ThreadSanitizer: data race .* in ph_last} } } */
/* { dg-final { scan-stderr-not {ThreadSanitizer: (SEGV|starting new threads)} } } */
