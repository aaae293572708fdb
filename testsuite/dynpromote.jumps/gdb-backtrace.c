/* Purpose: gdb unwinds through the entry stub of a jump site: stopped
   where the runtime records the first sample of run ()'s first
   dispatch jump (dp_learn_sample, called from the stub's sampling
   routine), its backtrace goes on from the stub to outer and main.  The
   stub runs in run's frame (a jump pushes nothing), and its unwind
   information is run's at the jump, so the stub's frame stands for
   run's (its name, dynpromote.stub.run, says whose): the frames above
   are exactly those of a plain build.  The same unwind information
   serves perf's and any in-process unwinder's call chains.  Twin:
   gdb-backtrace-call.c, a call site's stub, which shows the caller.

   Failed with the plugin of commit 0324ed6, whose jump stubs had a
   sibcall stub's CFI (the return address at the top of the stack, the
   CFA 8 above it): at a jump inside run the top of the stack is
   whatever run keeps there, and the backtrace ended in garbage
   ("#4 0x0000000000000000 in ?? ()" at -O2).  */
/* { dg-do run } */
/* { dg-options "-g -mindirect-branch=thunk -mindirect-branch-register" } */
/* { dg-run-under gdb -q -batch -x @SRCDIR@/gdb-backtrace.gdb --args } */
/* { dg-set-env DYNPROMOTE_SAMPLE_PERIOD 1 } */
/* { dg-run-timeout 120 } */

#include "dp-test.h"

enum { INC, CALL, HALT };

NOIPA long
ext (long x)
{
  return x * 3 + 1;
}

NOIPA long
run (const unsigned char *code, long x)
{
#ifndef CALL_TWIN
  static void *const ops[] = { &&op_inc, &&op_call, &&op_halt };
  goto *ops[*code++];
 op_inc: x++; goto *ops[*code++];
 op_call: x = ext (x); goto *ops[*code++];
 op_halt: return x;
#else
  for (;; code++)
    if (*code == INC)
      x++;
    else if (*code == CALL)
      x = HIDE (ext) (x);
    else
      return x;
#endif
}

NOIPA long
outer (const unsigned char *code, long x)
{
  return run (code, x) + 1;
}

int
main (void)
{
  static const unsigned char code[] = { CALL, INC, CALL, INC, INC, HALT };
  long r = outer (code, 5);
  printf ("r=%ld\n", r);
  CHECK (r == ((5 * 3 + 1 + 1) * 3 + 1 + 2) + 1);
  return 0;
}

/* { dg-final { scan-stdout {^#\d+ +0x[0-9a-f]+ in dynpromote\.stub\.run \(\)$} } } */
/* { dg-final { scan-stdout {^#\d+ +0x[0-9a-f]+ in dynpromote\.stub\.run \(\)\n#\d+ +0x[0-9a-f]+ in outer \([^\n]*\n#\d+ +0x[0-9a-f]+ in main \(} } } */
/* { dg-final { scan-stdout-not {in \?\? \(\)} } } */
/* { dg-final { scan-stdout {^r=55$} } } */
