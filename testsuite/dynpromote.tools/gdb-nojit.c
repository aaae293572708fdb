/* Purpose: gdb-jit.c with DYNPROMOTE_GDB_JIT=0: the runtime registers
   nothing with gdb, which then has no name for the trampoline (`info
   symbol' finds none, frame #0 is `??'), so gdb-jit.c's checks can
   fail.  The program itself still runs to the same result.  */
/* { dg-do run } */
/* Promotion is the precondition here; without retpolines a
   monomorphic or uniform site would be left to the predictor.  */
/* { dg-set-env DYNPROMOTE_TRUST_PREDICTOR 0 } */
/* { dg-run-under gdb -q -nx -batch -x @SRCDIR@/gdb-jit.gdb --args } */
/* { dg-set-env DYNPROMOTE_LEARN_PERIOD 1 } */
/* { dg-set-env DYNPROMOTE_DECIDE_SAMPLES 16 } */
/* { dg-set-env DYNPROMOTE_SAMPLE_PERIOD 1000000 } */
/* { dg-set-env DYNPROMOTE_GDB_JIT 0 } */
/* { dg-run-timeout 300 } */

#include "gdb-jit.c"

/* { dg-final { scan-stdout {^sum=501504$} } } */
/* { dg-final { scan-stdout {exited normally} } } */
/* { dg-final { scan-stdout {^jit entries=0$} } } */
/* { dg-final { scan-stdout {^No symbol matches \$rdi\.$} } } */
/* { dg-final { scan-stdout-not {dynpromote\.trampoline} } } */
/* { dg-final { scan-stdout {^#0  0x[0-9a-f]+ in \?\? \(\)$} } } */
