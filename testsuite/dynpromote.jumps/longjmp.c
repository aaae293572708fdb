/* Purpose: longjmp out of the dispatch loop, from a function a handler
   calls (vm_mix, through VM_TRAP, at its Kth call), back to a setjmp in
   the loop's caller, and into the loop again, thousands of times while
   its jump sites are promoted (retpoline build): the state the loop
   left (its data slots and the value being mixed) is the state vm_ref
   (a switch in a DYNPROMOTE_OFF function) leaves trapped at the same
   call, and every full run afterwards is right.  Mutation: with
   -fplugin-arg-dynpromote-no-jumps the kind=jump scans fail (the
   results stay right).  */
/* { dg-do run } */
/* { dg-options "-mindirect-branch=thunk -mindirect-branch-register" } */

#include <setjmp.h>

static jmp_buf env;
static long mix_calls, trap_at;
static unsigned long trapped;

static void
trap (unsigned long x)
{
  if (++mix_calls == trap_at)
    {
      trapped = x;
      longjmp (env, 1);
    }
}
#define VM_TRAP(x) trap (x)

#include "vm.h"

int
main (void)
{
  long code[64], traps = 0;
  for (long rep = 0; rep < 3000; rep++)
    {
      int which = rep / 100 % 2;
      long n = 100 + rep % 50;
      vm_word mem[4], stack[16], ref_mem[4], ref_stack[16];
      unsigned long got;
      vm_program (code, which, rep, n);
      trap_at = 1 + rep * 7 % n;
      mix_calls = 0;
      if (setjmp (env) == 0)
	{
	  vm_run (code, mem, stack);
	  CHECK (!"vm_run did not trap");
	}
      got = trapped;
      mix_calls = 0;
      if (setjmp (env) == 0)
	{
	  vm_ref (code, ref_mem, ref_stack);
	  CHECK (!"vm_ref did not trap");
	}
      CHECK (got == trapped);
      CHECK (mem[0] == ref_mem[0] && mem[1] == ref_mem[1]);
      traps++;
      trap_at = 0;
      vm_check (which, rep, n);
    }
  printf ("longjmp ok: %ld traps\n", traps);
  return 0;
}

/* { dg-output "longjmp ok: 3000 traps" } */
/* { dg-final { scan-rtl-dump {^rewritten jump site \d+ in vm_run } } } */
/* { dg-final { scan-stats {^site [^\n]* func=vm_run kind=jump state=promoted } } } */
