/* Purpose: a multi-threaded dynpromote build under gdb runs to its end
   with the results of its plain build and never stops on a signal: the
   program of tsan-threads.c (threads-prog.h: four threads, three sites
   promoted, relearned in phases and promoted again, grace periods).
   gdb passes SIGURG, the runtime's probe signal, silently by default
   (the script shows "No No Yes"); it is then told to stop and print on
   SIGURG, so a probe would show as "received signal SIGURG" and end the
   run there: the runtime sends no probe to a thread a tracer is
   attached to (quiesce.c; its grace periods end when the threads sleep,
   at the barriers, as the dump shows).  The twin is the runtime before
   this test, which probed traced threads: there the run stops with
   "Thread N "gdb-threads.exe" received signal SIGURG, Urgent I/O
   condition."  */
/* { dg-do run } */
/* Promotion is the precondition here; without retpolines a
   monomorphic or uniform site would be left to the predictor.  */
/* { dg-set-env DYNPROMOTE_TRUST_PREDICTOR 0 } */
/* { dg-options "-pthread -g" } */
/* { dg-run-under gdb -q -batch -x @SRCDIR@/gdb-threads.gdb --args } */
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

/* { dg-final { scan-stdout {^SIGURG\s+No\s+No\s+Yes\s+Urgent I/O condition$} "gdb passes SIGURG silently by default" } } */
/* { dg-final { scan-stdout {^wrong=0$} } } */
/* { dg-final { scan-stdout {^promoted=1$} } } */
/* { dg-final { scan-stdout {^\[Inferior 1 \(process [0-9]+\) exited normally\]$} } } */
/* { dg-final { scan-stdout-not {received signal} } } */
/* { dg-final { scan-stderr-not {received signal|Cannot (insert|access|remove)} } } */
/* { dg-final { scan-stats {^promoter promotions=([2-9]|[1-9][0-9]+) relearns=[1-9]} } } */
/* { dg-final { scan-stats {^promoter .* grace_periods=[1-9][0-9]* .* reclaimed=[1-9]} "grace periods ended, trampolines reused" } } */
