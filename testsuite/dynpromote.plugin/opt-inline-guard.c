/* Purpose: inline-guard puts the guard on every call of a plain build,
   which by default has none (opt-inline-guard-plain.c): each call
   compares its target with the site's guard and calls the rest of the
   guard in its stub (a sibcall: jne to the entry, jmp to the hit patch
   point).  */
/* { dg-do compile } */
/* { dg-options "-O2 -fcf-protection=none -fplugin-arg-dynpromote-inline-guard" } */

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

/* { dg-final { scan-assembler-times {\tcmpq\t8\+\.Ldp_state_\d+\(%rip\), %r11\n} 3 } } */
/* { dg-final { scan-assembler-times {^\.Ldp_miss_\d+:$} 3 } } */
/* { dg-final { scan-assembler-times {\t(call\t\.Ldp_guard|jmp\t\.Ldp_hit)_\d+$} 3 } } */
