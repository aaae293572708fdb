/* Purpose: with -fno-plt a call to an external function goes through its
   GOT slot ("call *ext@GOTPCREL(%rip)"): the target is a constant, so the
   plugin leaves it alone and says so in the dump; a real indirect call of
   the same file is still rewritten.  */
/* { dg-do compile } */
/* { dg-options "-O2 -fPIC -fno-plt" } */

extern int ext (int);

__attribute__ ((noipa)) int
got_call (int x)
{
  return ext (x) + 1;
}

__attribute__ ((noipa)) int
got_tail (int x)
{
  return ext (x + 1);
}

__attribute__ ((noipa)) int
real_indirect (int (*p) (int), int x)
{
  return p (x) + 1;
}

/* { dg-final { scan-assembler {\tcall\t\*ext@GOTPCREL\(%rip\)} } } */
/* { dg-final { scan-assembler {\tjmp\t\*ext@GOTPCREL\(%rip\)} } } */
/* { dg-final { scan-assembler-times {\tcall\t\.Ldp_(?:entry|hit|guard)_\d+$} 1 } } */
/* { dg-final { scan-assembler-not {\tjmp\t\.Ldp_entry_} } } */
/* { dg-final { scan-rtl-dump {skipped call in got_call at \S*dump-got\.c:13: [^\n]*GOT} } } */
/* { dg-final { scan-rtl-dump {skipped (sib)?call in got_tail at \S*dump-got\.c:19: [^\n]*GOT} } } */
/* { dg-final { scan-rtl-dump {rewritten call site \d+ in real_indirect at \S*dump-got\.c:25} } } */
