/* Purpose: twin of basic.c without a profile: no pass dump line, no
   compare with hot's address, the call stays indirect (rewritten).  */
/* { dg-do compile } */
/* { dg-options "-O2 -fcf-protection=none" } */

#include "cprof.h"

int main (void) { drive (10); return 0; }

/* { dg-final { scan-assembler-not {leaq\s+hot\(%rip\), %(\w+)\n(?:[^\n]*\n){0,3}\s*cmpq\s+%\1, } } } */
/* { dg-final { scan-assembler-not {leaq\s+first\(%rip\), %(\w+)\n(?:[^\n]*\n){0,3}\s*cmpq\s+%\1, } } } */
/* { dg-final { scan-assembler {call\s+\.Ldp_entry_} } } */
