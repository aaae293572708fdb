/* Purpose: gdb on a dynpromote build, after promotion (gdb-prog.h:
   gp_site's call promoted for gp_hot, pointed at it directly, and
   gp_cold, through the trampoline; main checks that in its dump before
   gp_checkpoint): breakpoints set then in the callees are hit by the
   promoted call, and bt shows exactly the callee, its caller gp_site
   (the stub and the trampoline jump: they make no frame) and main.
   Every breakpoint here is on a page that holds no patched code, so
   this passes on the runtime of this commit too; gdb-finish-callee.c
   and gdb-step-caller.c, which need breakpoints in gp_site's page, are
   its twins.  */
/* { dg-do run } */
/* { dg-options "-fplugin-arg-dynpromote-inline-guard -g -fno-toplevel-reorder" } */
/* { dg-run-under gdb -q -batch -x @SRCDIR@/gdb-break-callee.gdb --args } */
/* { dg-set-env DYNPROMOTE_LEARN_PERIOD 1 } */
/* { dg-set-env DYNPROMOTE_DECIDE_SAMPLES 64 } */
/* { dg-run-timeout 120 } */

#include "gdb-prog.h"

/* { dg-final { scan-stdout {^promoted route=direct$} } } */
/* { dg-final { scan-stdout {^(Thread 1 "[^"]*" hit )?Breakpoint 2, gp_hot \(x=(x@entry=)?7[,)][^\n]* at [^\n]*gdb-prog.h:[0-9]+\n[0-9]+\t  return 3 \* x;$} "stopped in gp_hot" } } */
/* { dg-final { scan-stdout {^(Thread 1 "[^"]*" hit )?Breakpoint 3, gp_cold \(x=(x@entry=)?8[,)][^\n]* at [^\n]*gdb-prog.h:[0-9]+\n[0-9]+\t  return 3 \* x \+ 1;$} "stopped in gp_cold" } } */
/* { dg-final { scan-stdout {^#0  gp_hot \(x=(x@entry=)?7[,)][^\n]*\n#1  0x[0-9a-f]+ in gp_site \(f=[^\n]*, x=(x@entry=)?7\) at [^\n]*gdb-prog.h:[0-9]+\n#2  0x[0-9a-f]+ in main \(\) at [^\n]*gdb-prog.h:[0-9]+$} "bt in gp_hot: gp_site, main" } } */
/* { dg-final { scan-stdout {^#0  gp_cold \(x=(x@entry=)?8[,)][^\n]*\n#1  0x[0-9a-f]+ in gp_site \(f=[^\n]*, x=(x@entry=)?8\) at [^\n]*gdb-prog.h:[0-9]+\n#2  0x[0-9a-f]+ in main \(\) at [^\n]*gdb-prog.h:[0-9]+$} "bt in gp_cold: gp_site, main" } } */
/* { dg-final { scan-stdout-not {^#3 } "no frame past main" } } */
/* { dg-final { scan-stdout-not {\?\?} "no unknown frame" } } */
/* { dg-final { scan-stdout {^a=22 b=26 sum=599994000$} } } */
/* { dg-final { scan-stdout {^\[Inferior 1 \(process [0-9]+\) exited normally\]$} } } */
/* { dg-final { scan-stderr-not {Cannot (insert|access|remove)|received signal|[Ee]rror} } } */
/* { dg-final { scan-stdout-not {Cannot (insert|access|remove)|received signal|no longer writable} } } */
