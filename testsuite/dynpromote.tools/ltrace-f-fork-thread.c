/* Purpose: ltrace-fork-thread.c with ltrace -f, which traces the
   thread and the forked child too (each a task whose breakpoints ltrace
   must step over; the runtime's helper task is cloned CLONE_UNTRACED,
   so ltrace is not attached to it); the same results, and no error from
   ltrace.  Fails on the runtime of this commit for the reason
   ltrace-fork-thread.c gives.  With the program's text left file-backed
   (simulated) it passes most runs, but not all: now and then a
   callee-saved register of the thread running a promoter pass comes
   back holding another value (2 runs in 12 of this program at -O2;
   never under strace -f, never when the pass does its /proc reads
   without the helper task; with glibc's clone ltrace -f hung).  */
/* { dg-do run } */
/* Promotion is the precondition here; without retpolines a
   monomorphic or uniform site would be left to the predictor.  */
/* { dg-set-env DYNPROMOTE_TRUST_PREDICTOR 0 } */
/* { dg-options "-pthread" } */
/* { dg-run-under ltrace -f -o /dev/null } */
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
/* { dg-final { scan-stderr-not {\S} "ltrace reports nothing" } } */
