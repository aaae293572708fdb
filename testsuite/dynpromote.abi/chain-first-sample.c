/* Purpose: the very first sampled call of a process keeps the static
   chain: one call, sampled (period 1), through a rewritten site, to an
   assembler callee that returns %r10.  (The entry stub's slow path must
   not go through anything that clobbers %r10, such as lazy PLT
   binding.)  */
/* { dg-do run } */
/* { dg-set-env DYNPROMOTE_SAMPLE_PERIOD 1 } */
/* { dg-unset-env LD_BIND_NOW } */

#include "dp-test.h"

__asm__ (".text\n"
	 ".globl return_r10\n"
	 ".type return_r10, @function\n"
	 "return_r10:\n"
	 "\tendbr64\n"
	 "\tmovq %r10, %rax\n"
	 "\tret\n"
	 ".size return_r10, .-return_r10\n");
extern long return_r10 (void);

int
main (void)
{
  long (*f) (void) = HIDE (return_r10);
  long v = __builtin_call_with_static_chain (f (), (void *) 0x5eed);
  fprintf (stderr, "r10=%#lx\n", v);
  CHECK (v == 0x5eed);
  return 0;
}

/* { dg-output "r10=0x5eed" } */
/* { dg-final { scan-assembler {\tcall\t\.Ldp_(?:entry|hit|guard)_\d+$} } } */
