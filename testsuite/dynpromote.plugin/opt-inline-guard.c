/* Purpose: inline-guard puts the guard on every call of a plain build,
   which by default has none (opt-inline-guard-plain.c): each call
   compares its target with the site's guard and calls the stub's hit
   patch point; a miss calls the entry from an out-of-line block.  */
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
/* { dg-final { scan-assembler-times {\t(call|jmp)\t\.Ldp_hit_\d+$} 3 } } */
