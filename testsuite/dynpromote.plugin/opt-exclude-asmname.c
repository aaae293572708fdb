/* Purpose: exclude= also matches a function by its assembler name (here
   set with an asm label), not only by its source name.  */
/* { dg-do compile } */
/* { dg-options "-fplugin-arg-dynpromote-exclude=renamed_in_asm" } */

typedef int (*fn) (int);

int src_name (fn f) __asm__ ("renamed_in_asm");

__attribute__ ((noipa)) int
src_name (fn f)
{
  return f (1) + 1;
}

__attribute__ ((noipa)) int
kept (fn f)
{
  return f (2) + 1;
}

/* { dg-final { scan-assembler-times {\tcall\t\.Ldp_(?:entry|hit|guard)_\d+$} 1 } } */
/* { dg-final { scan-assembler-times {\tcall\t\*(?!__dynpromote_sample@GOTPCREL)} 1 } } */
/* { dg-final { scan-rtl-dump {skipped call in (src_name|renamed_in_asm) at [^\n]*excluded} } } */
