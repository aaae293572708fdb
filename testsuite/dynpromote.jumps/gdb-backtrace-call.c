/* Purpose: twin of gdb-backtrace.c with a call site instead of jump
   sites: run () calls ext through a pointer; stopped where the runtime
   records the call's first sample, gdb's backtrace goes from the call
   site's stub to run, outer and main.  */
/* { dg-do run } */
/* { dg-options "-g -mindirect-branch=thunk -mindirect-branch-register" } */
/* { dg-run-under gdb -q -batch -x @SRCDIR@/gdb-backtrace.gdb --args } */
/* { dg-set-env DYNPROMOTE_SAMPLE_PERIOD 1 } */
/* { dg-run-timeout 120 } */

#define CALL_TWIN 1
#include "gdb-backtrace.c"

/* { dg-final { scan-stdout {^#\d+ +0x[0-9a-f]+ in dynpromote\.stub\.run \(\)\n#\d+ +0x[0-9a-f]+ in run \([^\n]*\n#\d+ +0x[0-9a-f]+ in outer \([^\n]*\n#\d+ +0x[0-9a-f]+ in main \(} } } */
/* { dg-final { scan-stdout-not {in \?\? \(\)} } } */
/* { dg-final { scan-stdout {^r=55$} } } */
