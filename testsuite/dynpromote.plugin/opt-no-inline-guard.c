/* Purpose: no-inline-guard leaves calls as in opt-align-calls-default.c
   without the guard, even in a build with retpolines, where the guard
   is the default: no compare, no miss block, one call per site
   (negative twin of opt-inline-guard-default.c).  */
/* { dg-do compile } */
/* { dg-options "-fplugin-arg-dynpromote-no-inline-guard -mindirect-branch=thunk -fcf-protection=none" } */

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

/* { dg-final { scan-assembler-not {\.Ldp_state_\d+\(%rip\), %r11} } } */
/* { dg-final { scan-assembler-not {\.Ldp_miss_} } } */
/* { dg-final { scan-assembler-times {\.bundle_lock\n\.Ldp_call_\d+:} 3 } } */
/* { dg-final { scan-assembler-times {\t(call|jmp)\t\.Ldp_entry_\d+$} 3 } } */
/* { dg-final { scan-assembler-not {\.Ldp_hit_} } } */
