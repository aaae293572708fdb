/* Purpose: -fplugin-arg-dynpromote-jumps rewrites the jumps of a plain
   build too: each of run's five dispatch jumps becomes movq ..., %r11
   and a direct jmp to its own entry stub, whose jump is the plain
   jmp *%r11 of the build; no other indirect jump is left.  Twin:
   opt-default-plain.c (without the option the same five stay).  */
/* { dg-do compile } */
/* { dg-options "-O2 -fcf-protection=none -fplugin-arg-dynpromote-jumps" } */

#include "dispatch.h"

/* { dg-final { scan-rtl-dump-times {^rewritten jump site \d+ in run at \S*dispatch\.h:\d+$} 5 } } */
/* { dg-final { scan-rtl-dump-not {^skipped } } } */
/* { dg-final { scan-assembler-times {\tmovq\t[^\n]*, %r11\n(?:[^\n]*\n){0,8}?\.Ldp_call_\d+:\n(?:[^\n]*\n){0,2}?\tjmp\t\.Ldp_entry_\d+\n} 5 } } */
/* { dg-final { scan-assembler-times {^\.Ldp_entry_\d+:\n} 5 } } */
/* { dg-final { scan-assembler-times {^\.Ldp_jump_\d+:\n\tjmp\t\*%r11\n} 5 } } */
/* { dg-final { scan-assembler-times {\tjmp\t\*} 5 } } */
