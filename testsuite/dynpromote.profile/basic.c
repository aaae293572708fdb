/* Purpose: compile-time promotion.  With cprof.stats, call_site's call
   gets a guarded direct call of hot (90%), the only target over plain
   builds' 50%, and at -O2 hot is inlined there (its address compared,
   never called); cold (10%) is left to run time.  call_two's two calls
   at one location take their own sites in call order; their profile
   says the runtime left them to the branch predictor (predicted), so
   what their guards miss stays an ordinary indirect call (left plain,
   in the pass dump and the RTL pass's; retpoline.c: not there).  The compare
   with a target's address is a leaq and, a few insns on, a cmpq.  Twin:
   basic-none.c (no profile: no guard).  */
/* { dg-do compile } */
/* { dg-options "-O2 -fcf-protection=none -fplugin-arg-dynpromote-profile=@SRCDIR@/cprof.stats" } */

#include "cprof.h"

int main (void) { drive (10); return 0; }

/* { dg-final { scan-tree-dump {call at cprof-site\.c:1003:10 in call_site \(its site, 1000 samples\): promoted hot \(90\.0%\)\n} } } */
/* { dg-final { scan-tree-dump {call 1 of 2 at cprof-site\.c:1008:10 in call_two \(its site, 64 samples\): promoted first \(100\.0%\); left plain\n} } } */
/* { dg-final { scan-tree-dump {call 2 of 2 at cprof-site\.c:1008:10 in call_two \(its site, 64 samples\): promoted second \(100\.0%\); left plain\n} } } */
/* { dg-final { scan-tree-dump {call_site: 1 indirect calls, 1 matched, 1 promoted \(1 targets\), 0 left plain, 0 unmatched} } } */
/* { dg-final { scan-tree-dump {call_two: 2 indirect calls, 2 matched, 2 promoted \(2 targets\), 2 left plain, 0 unmatched} } } */
/* { dg-final { scan-rtl-dump-times {skipped call in call_two at \S*cprof-site\.c:1008: left plain: its profile says the branch predictor serves it} 2 } } */
/* { dg-final { scan-rtl-dump {rewritten call site \d+ in call_site at \S*cprof-site\.c:1003} } } */
/* { dg-final { scan-assembler {leaq\s+hot\(%rip\), %(\w+)\n(?:[^\n]*\n){0,3}\s*cmpq\s+%\1, } } } */
/* { dg-final { scan-assembler {leaq\s+first\(%rip\), %(\w+)\n(?:[^\n]*\n){0,3}\s*cmpq\s+%\1, } } } */
/* { dg-final { scan-assembler-not {call\s+hot\M} } } */
/* { dg-final { scan-assembler-not {leaq\s+cold\(%rip\), %(\w+)\n(?:[^\n]*\n){0,3}\s*cmpq\s+%\1, } } } */
