/* Purpose: a basic asm (asm ("...") without operands) may read any
   register, so one at a jump's target, before %r11 is written, leaves
   the jump alone: the dump says "cannot tell whether %r11 is live at
   its targets (basic asm, or too long a walk)" and GCC's thunk jump
   stays.  Twin: extended-asm.c (an asm with operands and clobbers is
   walked past and the jump rewritten).  basic-asm-run.c shows what the
   rewrite costs.

   FAILS with the plugin of commit 0324ed6: on x86 GCC wraps every
   basic asm in a PARALLEL (asm_input, clobbers of memory and the
   flags), so dp_reg_liveness's GET_CODE (pattern) == ASM_INPUT never
   matches, the walk goes on past the asm, and the jump is rewritten.  */
/* { dg-do compile } */
/* { dg-options "-mindirect-branch=thunk -mindirect-branch-register" } */

long seen;

__attribute__ ((noipa)) long
pick (int k, long x)
{
  static void *const to[] = { &&a, &&b, &&c };
  goto *to[k];
 a: asm ("nop"); seen = x; return x + 1;
 b: return x * 2;
 c: return x - 1;
}

/* { dg-final { scan-rtl-dump-times {^skipped jump in pick at \S*basic-asm\.c:\d+: cannot tell whether %r11 is live at its targets \(basic asm, or too long a walk\)$} 1 } } */
/* { dg-final { scan-rtl-dump-not {^rewritten } } } */
/* { dg-final { scan-assembler-times {\tjmp\t__x86_indirect_thunk_r[a-z0-9]+\n} 1 } } */
