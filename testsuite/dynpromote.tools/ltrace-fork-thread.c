/* Purpose: a dynpromote build under ltrace (library calls of the main
   program: __dynpromote_sample, called from the entry stubs through the
   PLT, is one) prints what its plain build prints, and ltrace reports no
   error: trace-prog.h promotes and relearns two sites in one thread, in
   two, and in a forked child and its parent at once.  ltrace writes a
   breakpoint (int3) into the PLT slot and, while a call runs, one at its
   return address, in the stub; it must be able to remove them.  On the
   runtime of this commit it cannot: the runtime copies the text pages
   that hold stubs and patched calls (PLT included, and the int3 ltrace
   had written there) into memfd memory mapped MAP_SHARED over them,
   where ptrace cannot write (EIO: "enable_breakpoint ... Input/output
   error"), so the program traps again and again at a breakpoint ltrace
   cannot lift: it hangs (until the timeout) or goes wrong.  It passes
   once the program's text is never remapped and the tracer's
   breakpoints in the stubs can be written and removed.  (It also went
   wrong, text or not, while the runtime probed traced threads with
   SIGURG: ltrace without -f mishandles a signal to a thread, and calls
   returned without running their callee; the runtime no longer probes
   a thread a tracer is attached to.)  */
/* { dg-do run } */
/* Promotion is the precondition here; without retpolines a
   monomorphic or uniform site would be left to the predictor.  */
/* { dg-set-env DYNPROMOTE_TRUST_PREDICTOR 0 } */
/* { dg-options "-pthread" } */
/* { dg-run-under ltrace -o /dev/null } */
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
