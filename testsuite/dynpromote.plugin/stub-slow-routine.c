/* Purpose: every stub's learning path is one call of the unit's shared
   sampling routine (one per linked object, comdat) at entry+8, which
   finds the site's record through the index the runtime keeps in the
   object's slot (read RIP-relative: no record address in the stub),
   counts down and is the unit's only call of the sampler; it returns
   to the stub's own jump.  The index is tested again after it is
   loaded: the runtime takes it away at exit while other threads may
   still be between the first test and the load.  */
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

/* { dg-final { scan-assembler-times {^\.Ldp_entry_(\d+):\n\t\.byte 0x0f, 0x1f, 0x44, 0x00, 0x00, 0x0f, 0x1f, 0x00\n\tcall\t__dynpromote_slow_v3\n\.Ldp_jump_\1:\n} 3 } } */
/* { dg-final { scan-assembler-times {^__dynpromote_slow_v3:$} 1 } } */
/* { dg-final { scan-assembler {\.section \.text\.__dynpromote_slow_v3,"axG",@progbits,__dynpromote_slow_v3,comdat\n} } } */
/* { dg-final { scan-assembler {\tcmpq\t\$0, __dynpromote_object_v3\+0\(%rip\)\n\tjne\t1f\n\tret\n} } } */
/* { dg-final { scan-assembler {\tmovq\t__dynpromote_object_v3\+0\(%rip\), %rax\n\ttestq\t%rax, %rax\n\tjz\t2f\n\tmovq\t16\(%rsp\), %rcx\n} } } */
/* { dg-final { scan-assembler {\tmovslq\t-4\(%rax,%rcx,4\), %rcx\n} } } */
/* { dg-final { scan-assembler {\tdecl\t3\+0\(%rcx,%rax\)\n\tjs\t3f\n} } } */
/* { dg-final { scan-assembler-times {\tcall\t\*__dynpromote_sample@GOTPCREL\(%rip\)\n} 1 } } */
/* { dg-final { scan-assembler-not {\tdecl\t\.Ldp_state_} } } */
/* { dg-final { scan-assembler-not {\.Ldp_slow_} } } */
