/* Purpose: an indirect tail call stays a tail call: it becomes a direct
   "jmp .Ldp_entry_N" (not a call), and no raw "jmp *" is left.  */
/* { dg-do compile } */
/* { dg-options "-O2" } */

typedef long (*fn) (long, long);

__attribute__ ((noipa)) long
tail1 (fn f, long a)
{
  return f (a, 1);
}

__attribute__ ((noipa)) long
tail2 (fn *table, long i)
{
  return table[i & 3] (i, i + 1);
}

/* { dg-final { scan-assembler-times {\tjmp\t\.Ldp_(?:entry|hit|guard)_\d+$} 2 } } */
/* { dg-final { scan-assembler-not {\tcall\t\.Ldp_entry_} } } */
/* { dg-final { scan-assembler-not {\tjmp\t\*(?!%r11$)} } } */
/* { dg-final { scan-assembler-times {^\s*\.Ldp_call_\d+:} 2 } } */
