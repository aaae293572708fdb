/* Purpose: every indirect call of plain C (value used, void, through a
   struct field) becomes "mov target, %r11; .Ldp_call_N: call .Ldp_entry_N",
   with one entry stub in a dynpromote code section and one record in
   dynpromote_sites_v3 per site; no raw indirect call is left.  */
/* { dg-do compile } */

typedef int (*binop) (int, int);
struct ops
{
  int (*op) (int, int);
};

__attribute__ ((noipa)) int
use_value (binop f, int a)
{
  return f (a, 2) + 1;
}

__attribute__ ((noipa)) int
use_void (void (*g) (void))
{
  g ();
  g ();
  return 1;
}

__attribute__ ((noipa)) int
use_field (struct ops *o)
{
  return o->op (4, 5) * 3;
}

/* { dg-final { scan-assembler-times {\tcall\t\.Ldp_(?:entry|hit|guard)_\d+$} 4 } } */
/* { dg-final { scan-assembler-times {^\s*\.Ldp_call_\d+:} 4 } } */
/* { dg-final { scan-assembler-times {^\.Ldp_entry_\d+:} 4 } } */
/* { dg-final { scan-assembler {\tmov[q]?\t[^\n]*, %r11$} } } */
/* { dg-final { scan-assembler {dynpromote_sites_v3} } } */
/* { dg-final { scan-assembler {\.(push)?section\s+[^,\n]*dynpromote[^,\n]*,"ax"} "stubs in a dynpromote code section" } } */
/* { dg-final { scan-assembler-not {\tcall\t\*(?!__dynpromote_sample@GOTPCREL)} } } */
/* { dg-final { scan-assembler-not {\tjmp\t\.Ldp_entry_} } } */
