/* Purpose: -mindirect-branch=thunk-extern: the program provides the
   __x86_indirect_thunk_<reg> thunks itself (here: counting retpolines).
   The entry stubs must reach targets through the program's
   __x86_indirect_thunk_r11 (counted), not a raw jump or a thunk of their
   own, and everything computes the right results.  The run is
   learning-only (DYNPROMOTE=learn): a promoted site rightly skips the
   thunk, which would make the count depend on the promoter's timing.  */
/* { dg-do run } */
/* { dg-options "-mindirect-branch=thunk-extern" } */
/* { dg-set-env DYNPROMOTE learn } */

#include "retpoline-common.h"

unsigned long thunk_count[16];

#define THUNK(reg, idx)							\
  __asm__ (".text\n"							\
	   ".globl __x86_indirect_thunk_" #reg "\n"			\
	   ".type __x86_indirect_thunk_" #reg ", @function\n"		\
	   "__x86_indirect_thunk_" #reg ":\n"				\
	   "\tlock incq thunk_count+" #idx "*8(%rip)\n"			\
	   "\tcall 1f\n"						\
	   "2:\tpause\n"						\
	   "\tlfence\n"							\
	   "\tjmp 2b\n"							\
	   "1:\tmov %" #reg ", (%rsp)\n"				\
	   "\tret\n"							\
	   ".size __x86_indirect_thunk_" #reg ", .-__x86_indirect_thunk_" #reg "\n")

THUNK (rax, 0); THUNK (rcx, 1); THUNK (rdx, 2); THUNK (rbx, 3);
THUNK (rsi, 4); THUNK (rdi, 5); THUNK (rbp, 6); THUNK (r8, 8);
THUNK (r9, 9); THUNK (r10, 10); THUNK (r11, 11); THUNK (r12, 12);
THUNK (r13, 13); THUNK (r14, 14); THUNK (r15, 15);

int
main (void)
{
  CHECK (retpoline_body () == 3000);
  /* Every rewritten call reaches its target through %r11's thunk.  */
  printf ("r11 thunk: %lu\n", thunk_count[11]);
  CHECK (thunk_count[11] >= 3000);
  puts ("ok");
  return 0;
}

/* { dg-output "ok" } */
/* { dg-final { scan-assembler {\tcall\t\.Ldp_(?:entry|hit|guard)_\d+$} } } */
/* { dg-final { scan-assembler {\tjmp\t__x86_indirect_thunk_r11} } } */
/* { dg-final { scan-assembler-not {\t(notrack )?(call|jmp)q?\t\*} } } */
