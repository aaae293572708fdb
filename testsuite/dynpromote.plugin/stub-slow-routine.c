/* Purpose: the stubs' slow paths share one sampling routine per unit
   (one per linked object, comdat): each stub calls it, jumps back to its
   own indirect jump, and names its record in the displacement of a nopl
   that follows, 14 bytes a site instead of a private save-and-call of
   29; the routine is the unit's only call of the sampler.  */
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

/* { dg-final { scan-assembler-times {^\.Ldp_slow_(\d+):\n\tcall\t__dynpromote_slow_v2\n\t\.byte 0xeb, \.Ldp_jump_\1 - \. - 1\n\t\.byte 0x0f, 0x1f, 0x80\n\t\.long \.Ldp_rec_\1 - \.\n} 3 } } */
/* { dg-final { scan-assembler-times {^__dynpromote_slow_v2:$} 1 } } */
/* { dg-final { scan-assembler {\.section \.text\.__dynpromote_slow_v2,"axG",@progbits,__dynpromote_slow_v2,comdat\n} } } */
/* { dg-final { scan-assembler-times {\tcall\t\*__dynpromote_sample@GOTPCREL\(%rip\)\n} 1 } } */
/* { dg-final { scan-assembler-not {\tleaq\t\.Ldp_rec_} } } */
