/* Purpose: the VM built with -flto: the plugin rewrites the dispatch
   jumps at link time (in the ltrans units, whose assembly the harness
   keeps), where it also asks for a jump per handler; no raw or GCC
   thunk jump is left, the results are right and the hot sites are
   promoted.  Twin: vm-levels.c (the same without LTO).  */
/* { dg-do run } */
/* { dg-options "-flto -mindirect-branch=thunk -mindirect-branch-register" } */

#include "vm.h"

int
main (void)
{
  return vm_until_promoted (VM_POLY) ? 0 : 1;
}

/* { dg-final { scan-stdout {^vm ok: [1-9]\d* jump sites, [1-9]\d* hot, all promoted$} } } */
/* { dg-final { scan-assembler {\tjmp\t\.Ldp_entry_\d+\n} } } */
/* { dg-final { scan-assembler-not {\t(notrack )?jmp\t\*} } } */
/* { dg-final { scan-assembler-not {\tjmp\t__x86_indirect_thunk_} } } */
/* { dg-final { scan-stats {^site [^\n]* func=vm_run kind=jump state=promoted } } } */
