/* Purpose: under -fcf-protection every label whose address is taken
   starts with endbr64, and GCC's computed gotos are tracked jumps; so
   the stubs of the rewritten dispatch jumps of vm_run (plain build,
   -fplugin-arg-dynpromote-jumps) have a tracked jmp *%r11, none is
   notrack, and vm_run keeps no raw indirect jump; vm_ref's table jump
   (DYNPROMOTE_OFF) stays GCC's notrack jump.  The VM runs right with
   its hot sites promoted.  Twin: table-cet.c (a table jump's stub is
   notrack).  */
/* { dg-do run } */
/* { dg-options "-fcf-protection=full -fplugin-arg-dynpromote-jumps" } */
/* Promotion is the precondition here.  */
/* { dg-set-env DYNPROMOTE_TRUST_PREDICTOR 0 } */
/* { dg-set-env DYNPROMOTE_MAX_TARGETS 8 } */

#include "vm.h"

int
main (void)
{
  return vm_until_promoted (VM_HASH) ? 0 : 1;
}

/* { dg-final { scan-stdout {^vm ok: } } } */
/* { dg-final { scan-rtl-dump {^rewritten jump site \d+ in vm_run } } } */
/* { dg-final { scan-rtl-dump-not {^skipped jump in vm_run } } } */
/* { dg-final { scan-assembler {^\.Ldp_jump_\d+:\n\tjmp\t\*%r11\n} } } */
/* { dg-final { scan-assembler-not {^\.Ldp_jump_\d+:\n\tnotrack } } } */
/* { dg-final { scan-assembler-not {^vm_run:\n(?:(?!\t\.size\tvm_run, )[^\n]*\n)*?\t(?:notrack )?jmp\t\*} } } */
/* { dg-final { scan-assembler {^vm_run:\n(?:(?!\t\.size\tvm_run, )[^\n]*\n)*?\.L\d+:\n\tendbr64\n} } } */
/* { dg-final { scan-assembler {^vm_ref:\n(?:(?!\t\.size\tvm_ref, )[^\n]*\n)*?\tnotrack jmp\t\*} } } */
/* { dg-final { scan-stats {^site [^\n]* func=vm_run kind=jump state=promoted } } } */
