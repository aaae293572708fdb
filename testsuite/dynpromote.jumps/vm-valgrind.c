/* Purpose: the VM under valgrind (memcheck, --smc-check=stack), in
   phases that alternate its two programs, so that the per-handler jump
   sites of -O2 (and the single one of -O0) change targets, learn again
   and are re-promoted: trampolines for jump sites are built, retired,
   reused and the sites re-pointed many times, each code store announced
   to valgrind as for calls (valgrind-phases.c), or a stale translation
   would send a jump to a label of the previous phase.  Every result is
   counted against vm_ref and the C formula (wrong=0), and memcheck
   reports nothing (--error-exitcode).  Mutation: with
   -fplugin-arg-dynpromote-no-jumps nothing is re-patched (the
   promoter scan fails).  */
/* { dg-do run } */
/* { dg-options "-mindirect-branch=thunk -mindirect-branch-register" } */
/* { dg-run-under valgrind -q --error-exitcode=99 } */
/* { dg-set-env DYNPROMOTE_LEARN_PERIOD 1 } */
/* { dg-set-env DYNPROMOTE_DECIDE_SAMPLES 16 } */
/* { dg-set-env DYNPROMOTE_SAMPLE_PERIOD 8 } */
/* { dg-set-env DYNPROMOTE_RELEARN_WINDOW 16 } */
/* { dg-set-env DYNPROMOTE_REPATCH_INTERVAL_MS 0 } */
/* { dg-set-env DYNPROMOTE_MAX_REPATCH 1000 } */
/* { dg-run-timeout 300 } */

#include "vm.h"

int
main (void)
{
  long code[64], wrong = 0;
  for (int phase = 0; phase < 12; phase++)
    for (long r = 0; r < 30; r++)
      {
	int which = phase % 2;
	long seed = phase * 1000 + r, n = 300;
	vm_word mem[4], stack[16], ref_mem[4], ref_stack[16];
	vm_program (code, which, seed, n);
	vm_word got = vm_run (code, mem, stack);
	if (got != vm_ref (code, ref_mem, ref_stack)
	    || got != vm_formula (which, seed, n))
	  wrong++;
      }
  printf ("wrong=%ld\n", wrong);
  CHECK (wrong == 0);
  return 0;
}

/* The runtime really re-patched jump sites under valgrind.  */
/* { dg-final { scan-stats {^promoter promotions=([2-9]|[1-9][0-9]+) relearns=[1-9]} } } */
/* { dg-final { scan-stats {^site [^\n]* func=vm_run kind=jump [^\n]* repatches=[1-9]} } } */
/* { dg-final { scan-stdout {^wrong=0$} } } */
