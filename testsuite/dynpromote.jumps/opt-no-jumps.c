/* Purpose: -fplugin-arg-dynpromote-no-jumps leaves the jumps of a
   retpoline build alone: run's dispatch jumps stay GCC's jumps to its
   thunks (jmp __x86_indirect_thunk_REG), each with a dump line naming
   the option, and no stub is made for them; GCC makes as many as on
   its own (two: no copies asked for where nothing is rewritten).  Twins: opt-retpoline.c
   and vm-levels.c (the same builds without the option rewrite them).  */
/* { dg-do compile } */
/* { dg-options "-O2 -mindirect-branch=thunk -mindirect-branch-register -fplugin-arg-dynpromote-no-jumps" } */

#include "dispatch.h"

/* { dg-final { scan-rtl-dump-times {^skipped jump in run at \S*dispatch\.h:\d+: jumps disabled by -fplugin-arg-dynpromote-no-jumps$} 2 } } */
/* { dg-final { scan-rtl-dump-not {^rewritten } } } */
/* { dg-final { scan-rtl-dump-not {^skipped [^\n]*: (?!jumps disabled by -fplugin-arg-dynpromote-no-jumps$)} } } */
/* { dg-final { scan-assembler-times {\tjmp\t__x86_indirect_thunk_r(?!11\n)[a-z0-9]+\n} 2 } } */
/* { dg-final { scan-assembler-not {\.Ldp_entry_} } } */
