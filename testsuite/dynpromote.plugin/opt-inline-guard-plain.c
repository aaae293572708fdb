/* Purpose: without retpolines (a plain or CET build, what distributions
   ship) there is no inline guard by default: an indirect call already
   costs what a direct one does there, and the guard would only grow the
   hot code.  Only a function that asks for retpolines itself
   (indirect_branch ("thunk")) gets the guard on its call: one compare,
   one call of the guard's rest in the stub (twins: opt-inline-guard-default.c, the
   guard in a retpoline build; opt-inline-guard.c, asked for by option).  */
/* { dg-do compile } */
/* { dg-options "-O2 -fcf-protection=none" } */

typedef int (*fn) (int);

__attribute__ ((noipa)) int
twice (fn f, int x)
{
  return f (f (x)) + 1;
}

__attribute__ ((noipa)) int
tail (fn f, int x)
{
  return f (x);
}

__attribute__ ((noipa, indirect_branch ("thunk"))) int
hardened (fn f, int x)
{
  return f (x) + 2;
}

/* { dg-final { scan-assembler-times {\tcmpq\t8\+\.Ldp_state_\d+\(%rip\), %r11\n} 1 } } */
/* { dg-final { scan-assembler-times {^\.Ldp_miss_\d+:$} 1 } } */
/* { dg-final { scan-assembler-times {\t(call\t\.Ldp_guard|jmp\t\.Ldp_hit)_\d+$} 1 } } */
/* { dg-final { scan-assembler-times {\t(call|jmp)\t\.Ldp_entry_\d+$} 3 } } */
