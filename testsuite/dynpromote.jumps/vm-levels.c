/* Purpose: the computed-goto VM of vm.h in a retpoline build (the
   default mode: jumps are rewritten in functions built with
   retpolines), at every -O level and as PIC (jumps.exp runs this file
   at -O0 -O1 -O2 -O3 -Os and -O2 -fPIC): every dispatch jump of vm_run
   is rewritten, one at -O0, -O1 and -Os, one per handler at -O2 and
   -O3 (the count is printed; opt-jump-copies.c pins it); no raw
   indirect jump or jump to one of GCC's thunks is left in the file,
   and every stub's own jump is the retpoline.  Each result matches
   vm_ref (a switch in a DYNPROMOTE_OFF function) and the C formula,
   and every hot jump site ends up promoted, with targets that are
   labels of vm_run (sym=vm_run+0x...).  Twin: opt-no-jumps.c (the same
   VM with no-jumps keeps GCC's thunk jumps and has no jump site);
   mutation: with -fplugin-arg-dynpromote-no-jumps appended, every
   check here but the results fails.  */
/* { dg-do run } */
/* { dg-options "-mindirect-branch=thunk -mindirect-branch-register" } */

#include "vm.h"

int
main (void)
{
  return vm_until_promoted (VM_HASH) ? 0 : 1;
}

/* { dg-final { scan-stdout {^vm ok: [1-9]\d* jump sites, [1-9]\d* hot, all promoted$} } } */
/* { dg-final { scan-rtl-dump {^rewritten jump site \d+ in vm_run at \S*vm\.h:\d+$} } } */
/* { dg-final { scan-rtl-dump-not {^skipped (table )?jump in vm_run } } } */
/* { dg-final { scan-assembler {\tjmp\t\.Ldp_entry_\d+\n} } } */
/* { dg-final { scan-assembler-not {\t(notrack )?jmp\t\*} } } */
/* { dg-final { scan-assembler-not {\tjmp\t__x86_indirect_thunk_} } } */
/* { dg-final { scan-assembler-not {^\.Ldp_jump_\d+:\n(?!\tjmp\t__dynpromote_thunk_r11\n)} } } */
/* { dg-final { scan-stats {^site [^\n]* func=vm_run kind=jump state=promoted } } } */
/* { dg-final { scan-stats {^  target [^\n]* sym=vm_run\+0x[0-9a-f]+ promoted=1 } } } */
