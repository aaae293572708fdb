/* Purpose: a unit with stubs brackets them with the two comdat sections
   that give a linked object's stubs whole pages of their own
   (dynpromote/abi.h): dynpromote_stubs_0 before the unit's first stub,
   dynpromote_stubs_9 at its end, each page-aligned with one int3, in
   that order; the registration passes their start symbols (hidden, so
   each linked object sees its own).  The program-level check is
   runtime/stub-pages.c; twin: opt-disable.c (no stub, no bracket).  */
/* { dg-do compile } */

typedef int (*fn) (int);

__attribute__ ((noipa)) int
first (fn f, int x)
{
  return f (x) + 1;
}

__attribute__ ((noipa)) int
second (fn f, int x)
{
  return f (x) + 2;
}

/* { dg-final { scan-assembler-times {\t\.pushsection dynpromote_stubs_0,"axG",@progbits,dynpromote_stubs_0,comdat\n\t\.p2align 12, 0xcc\n\t\.byte 0xcc\n\t\.popsection\n(?:[^\n]*\n){0,2}\t\.pushsection dynpromote_stubs,"ax",@progbits\n} 1 } } */
/* { dg-final { scan-assembler-times {\t\.pushsection dynpromote_stubs_9,"axG",@progbits,dynpromote_stubs_9,comdat\n\t\.p2align 12, 0xcc\n\t\.byte 0xcc\n} 1 } } */
/* { dg-final { scan-assembler-times {\t\.pushsection dynpromote_stubs,"ax",@progbits\n} 2 } } */
/* { dg-final { scan-assembler {\tleaq\t__start_dynpromote_stubs_0\(%rip\), %r8\n\tleaq\t__start_dynpromote_stubs_9\(%rip\), %r9\n\tjmp\t__dynpromote_register@PLT} } } */
/* { dg-final { scan-assembler {\t\.hidden __start_dynpromote_stubs_0\n\t\.hidden __start_dynpromote_stubs_9\n} } } */
