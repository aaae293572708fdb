/* Purpose: -fplugin-arg-dynpromote-disable rewrites nothing and the dump says why.  */
/* { dg-do compile } */
/* { dg-options "-fplugin-arg-dynpromote-disable" } */

typedef int (*fn) (int);

__attribute__ ((noipa)) int
call_it (fn f, int x)
{
  return f (x) + 1;
}

/* { dg-final { scan-assembler-not {Ldp_entry} } } */
/* { dg-final { scan-assembler-not {dynpromote_sites_v3} } } */
/* { dg-final { scan-assembler-not {dynpromote_stubs} } } */
/* { dg-final { scan-assembler {\tcall\t\*(?!__dynpromote_sample@GOTPCREL)} } } */
/* { dg-final { scan-rtl-dump {skipped call in call_it at \S*opt-disable\.c:10: [^\n]*disabled} } } */
/* { dg-final { scan-rtl-dump-not {rewritten } } } */
