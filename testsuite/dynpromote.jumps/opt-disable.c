/* Purpose: -fplugin-arg-dynpromote-disable leaves jumps alone too, even
   in a retpoline build where they would be rewritten: each of run's
   jumps has a dump line saying so and GCC's thunk jumps stay, as many
   as GCC makes on its own (two: the plugin asks for no copies where it
   rewrites nothing).  Twin: opt-retpoline.c (the same build without
   the option: five jumps, rewritten).  */
/* { dg-do compile } */
/* { dg-options "-O2 -mindirect-branch=thunk -mindirect-branch-register -fplugin-arg-dynpromote-disable" } */

#include "dispatch.h"

/* { dg-final { scan-rtl-dump-times {^skipped jump in run at \S*dispatch\.h:\d+: disabled by -fplugin-arg-dynpromote-disable$} 2 } } */
/* { dg-final { scan-rtl-dump-not {^rewritten } } } */
/* { dg-final { scan-assembler-times {\tjmp\t__x86_indirect_thunk_r[a-z0-9]+\n} 2 } } */
/* { dg-final { scan-assembler-not {\.Ldp_entry_} } } */
