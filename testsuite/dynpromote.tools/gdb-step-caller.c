/* Purpose: gdb on a dynpromote build, after promotion (gdb-prog.h): a
   software breakpoint in gp_site, the function whose page holds the
   promoted call, can be inserted, hit and removed; from its call line,
   a breakpoint in gp_hot (the guard's target, reached through the
   stub's hit patch point: the site is route=direct, which main checks
   in its dump) stops there, bt shows gp_hot, gp_site and main, finish
   returns 21; next from the call line of the second call (gp_cold,
   through the trampoline: gdb inserts a breakpoint at the return
   address, in gp_site) stops at the next line.  No "Cannot
   insert/access/remove" from gdb.  Failed on the runtime before ABI 2,
   which mapped a memfd copy over text pages holding patched calls:
   ptrace cannot write there, and gdb said "Cannot insert breakpoint 2.
   Cannot access memory at address 0x...".  gdb-break-callee.c is the
   twin: the same program, breakpoints only on pages no rewritten code
   shares, passed on both.  (gdb 13's step does not enter a rewritten
   call: what the call reaches first is the site's stub, which has no
   line information; README, Debugging and profiling.)  */
/* { dg-do run } */
/* { dg-options "-fplugin-arg-dynpromote-inline-guard -g -fno-toplevel-reorder" } */
/* { dg-run-under gdb -q -batch -x @SRCDIR@/gdb-step-caller.gdb --args } */
/* { dg-set-env DYNPROMOTE_LEARN_PERIOD 1 } */
/* { dg-set-env DYNPROMOTE_DECIDE_SAMPLES 64 } */
/* { dg-run-timeout 120 } */

#include "gdb-prog.h"

/* { dg-final { scan-stdout {^promoted route=direct$} } } */
/* { dg-final { scan-stdout {^(Thread 1 "[^"]*" hit )?Breakpoint 2, gp_site \(f=(f@entry=)?0x[0-9a-f]+ <gp_hot>, x=(x@entry=)?7\) at [^\n]*gdb-prog.h:[0-9]+\n[0-9]+\t  long r = f \(x\);\n[^\n]*\n\n(Thread 1 "[^"]*" hit )?Temporary breakpoint 3, gp_hot \(x=(x@entry=)?7[,)][^\n]*gdb-prog.h:[0-9]+\n[0-9]+\t  return 3 \* x;$} "a breakpoint in gp_hot stops there" } } */
/* { dg-final { scan-stdout {^#0  gp_hot \(x=(x@entry=)?7[,)][^\n]*\n#1  0x[0-9a-f]+ in gp_site \(f=[^\n]*, x=(x@entry=)?7\) at [^\n]*gdb-prog.h:[0-9]+\n#2  0x[0-9a-f]+ in main \(\) at [^\n]*gdb-prog.h:[0-9]+$} "bt: gp_hot, gp_site, main" } } */
/* { dg-final { scan-stdout-not {^#3 } "no frame past main" } } */
/* { dg-final { scan-stdout {^(0x[0-9a-f]+ in )?gp_site \([^\n]*\n[0-9]+\t[^\n]*\nValue returned is \$1 = 21$} "finish: back in gp_site with 21" } } */
/* { dg-final { scan-stdout {^(Thread 1 "[^"]*" hit )?Breakpoint 2, gp_site \(f=(f@entry=)?0x[0-9a-f]+ <gp_cold>, x=(x@entry=)?8\) at [^\n]*gdb-prog.h:[0-9]+\n[0-9]+\t  long r = f \(x\);\n[0-9]+\t  return r \+ 1;$} "next over the call through the trampoline" } } */
/* { dg-final { scan-stdout {^a=22 b=26 sum=599994000$} } } */
/* { dg-final { scan-stdout {^\[Inferior 1 \(process [0-9]+\) exited normally\]$} } } */
/* { dg-final { scan-stderr-not {Cannot (insert|access|remove)|received signal|[Ee]rror} } } */
/* { dg-final { scan-stdout-not {Cannot (insert|access|remove)|received signal|no longer writable} } } */
