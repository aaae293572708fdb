// Purpose: a C++ exception thrown by a function a handler calls
// (vm_mix, through VM_TRAP, at its Kth call) unwinds through vm_run,
// whose dispatch jumps are rewritten and promoted (retpoline build), and
// is caught in its caller, thousands of times: the unwinder finds
// vm_run's frame from the handler's call (dwarf2cfi followed the
// rewritten jumps to every handler), the destructor of the frame in
// between runs, the thrown value and the loop's data slots are what
// vm_ref (DYNPROMOTE_OFF) gives trapped at the same call, and the loop
// keeps working afterwards.  Mutation: with
// -fplugin-arg-dynpromote-no-jumps the kind=jump scans fail.
// { dg-do run }
// { dg-options "-mindirect-branch=thunk -mindirect-branch-register" }

struct Trap
{
  unsigned long value;
};
static long mix_calls, trap_at;

static void
trap (unsigned long x)
{
  if (++mix_calls == trap_at)
    throw Trap { x };
}
#define VM_TRAP(x) trap (x)

#include "vm.h"

static int live;
struct Guard
{
  Guard () { live++; }
  ~Guard () { live--; }
};

NOIPA vm_word
guarded_run (const long *code, vm_word *mem, vm_word *stack)
{
  Guard g;
  return vm_run (code, mem, stack) + 1;
}

int
main ()
{
  long code[64], caught = 0;
  for (long rep = 0; rep < 3000; rep++)
    {
      int which = rep / 100 % 2;
      long n = 100 + rep % 50;
      vm_word mem[4], stack[16], ref_mem[4], ref_stack[16];
      unsigned long got = 0, want = 1;
      vm_program (code, which, rep, n);
      trap_at = 1 + rep * 7 % n;
      mix_calls = 0;
      try
	{
	  guarded_run (code, mem, stack);
	  CHECK (!"vm_run did not throw");
	}
      catch (const Trap &t)
	{
	  got = t.value;
	  caught++;
	}
      CHECK (live == 0);
      mix_calls = 0;
      try
	{
	  vm_ref (code, ref_mem, ref_stack);
	}
      catch (const Trap &t)
	{
	  want = t.value;
	}
      CHECK (got == want);
      CHECK (mem[0] == ref_mem[0] && mem[1] == ref_mem[1]);
      trap_at = 0;
      vm_check (which, rep, n);
    }
  printf ("eh ok: %ld caught\n", caught);
  return 0;
}

// { dg-output "eh ok: 3000 caught" }
// { dg-final { scan-rtl-dump {^rewritten jump site \d+ in _Z6vm_runPKlPmS1_ } } }
// { dg-final { scan-stats {^site [^\n]* func=_Z6vm_runPKlPmS1_ kind=jump state=promoted } } }
