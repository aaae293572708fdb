/* Purpose: a dynpromote build under strace -f (which follows the fork,
   the thread, and the runtime's helper task, and stops at every signal,
   the runtime's probes included) prints what its plain build prints:
   trace-prog.h promotes and relearns two sites in one thread, in two,
   and in a forked child and its parent at once, every result checked
   and summed; strace itself says nothing (-qq).  The twin is
   ltrace-fork-thread.c: the same program and checks under ltrace, which
   the runtime of this commit still breaks (see there).  */
/* { dg-do run } */
/* Promotion is the precondition here; without retpolines a
   monomorphic or uniform site would be left to the predictor.  */
/* { dg-set-env DYNPROMOTE_TRUST_PREDICTOR 0 } */
/* { dg-options "-pthread" } */
/* { dg-run-under strace -f -qq -o /dev/null } */
/* { dg-set-env DYNPROMOTE_STATS @DIR@/stats-%p.txt } */
/* { dg-set-env DYNPROMOTE_LEARN_PERIOD 1 } */
/* { dg-set-env DYNPROMOTE_DECIDE_SAMPLES 16 } */
/* { dg-set-env DYNPROMOTE_SAMPLE_PERIOD 16 } */
/* { dg-set-env DYNPROMOTE_RELEARN_WINDOW 16 } */
/* { dg-set-env DYNPROMOTE_REPATCH_INTERVAL_MS 0 } */
/* { dg-set-env DYNPROMOTE_MAX_REPATCH 1000 } */
/* { dg-run-timeout 120 } */

#include "trace-prog.h"

int
main (void)
{
  return tr_main ();
}

/* The sums of a plain build (any -O level).  */
/* { dg-final { scan-stdout {^alone wrong=0 sum=210027000$} } } */
/* { dg-final { scan-stdout {^main wrong=0 sum=287982000$} } } */
/* { dg-final { scan-stdout {^thread wrong=0 sum=221991000$} } } */
/* { dg-final { scan-stdout {^parent wrong=0 sum=221991000$} } } */
/* { dg-final { scan-stdout {^child wrong=0 sum=287982000$} } } */
/* { dg-final { scan-stdout {^child status=0$} } } */
/* { dg-final { scan-stdout {^promoted=1$} } } */
/* { dg-final { scan-stats-times {^process pid=} 2 "dumps of parent and child" } } */
/* { dg-final { scan-stats {^promoter promotions=([2-9]|[1-9][0-9]+) relearns=[1-9]} } } */
/* { dg-final { scan-stderr-not {\S} "nothing on stderr" } } */
