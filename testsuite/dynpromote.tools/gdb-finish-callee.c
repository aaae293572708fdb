/* Purpose: gdb-break-callee.c's breakpoints in the callees of a
   promoted call, then finish: gdb plants a breakpoint at the return
   address, in gp_site (the page that holds the patched call), and
   returns there with the callee's value (21 from gp_hot, reached
   directly; 25 from gp_cold, reached through the trampoline).  Fails on
   the runtime of this commit, which maps a memfd copy over text pages
   holding patched calls: ptrace cannot write there ("Cannot insert
   breakpoint 0. Cannot access memory at address 0x..."); passes once
   the program's text stays file-backed.  gdb-break-callee.c, the same
   program without finish, is its twin.  */
/* { dg-do run } */
/* { dg-options "-fplugin-arg-dynpromote-inline-guard -g -fno-toplevel-reorder" } */
/* { dg-run-under gdb -q -batch -x @SRCDIR@/gdb-finish-callee.gdb --args } */
/* { dg-set-env DYNPROMOTE_LEARN_PERIOD 1 } */
/* { dg-set-env DYNPROMOTE_DECIDE_SAMPLES 64 } */
/* { dg-run-timeout 120 } */

#include "gdb-prog.h"

/* { dg-final { scan-stdout {^promoted route=direct$} } } */
/* { dg-final { scan-stdout {^(Thread 1 "[^"]*" hit )?Breakpoint 2, gp_hot \(x=(x@entry=)?7[,)][^\n]* at [^\n]*gdb-prog.h:[0-9]+\n[0-9]+\t  return 3 \* x;$} "stopped in gp_hot" } } */
/* { dg-final { scan-stdout {^(Thread 1 "[^"]*" hit )?Breakpoint 3, gp_cold \(x=(x@entry=)?8[,)][^\n]* at [^\n]*gdb-prog.h:[0-9]+\n[0-9]+\t  return 3 \* x \+ 1;$} "stopped in gp_cold" } } */
/* { dg-final { scan-stdout {^(0x[0-9a-f]+ in )?gp_site \([^\n]*\n[0-9]+\t[^\n]*\nValue returned is \$1 = 21$} "finish: back in gp_site with 21" } } */
/* { dg-final { scan-stdout {^(0x[0-9a-f]+ in )?gp_site \([^\n]*\n[0-9]+\t[^\n]*\nValue returned is \$2 = 25$} "finish: back in gp_site with 25" } } */
/* { dg-final { scan-stdout {^a=22 b=26 sum=599994000$} } } */
/* { dg-final { scan-stdout {^\[Inferior 1 \(process [0-9]+\) exited normally\]$} } } */
/* { dg-final { scan-stderr-not {Cannot (insert|access|remove)|received signal|[Ee]rror} } } */
/* { dg-final { scan-stdout-not {Cannot (insert|access|remove)|received signal|no longer writable} } } */
