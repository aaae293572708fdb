/* Purpose: exclude=NAME,NAME leaves every site of the named functions
   alone (and says "excluded" in the dump); other functions are
   rewritten as usual.  */
/* { dg-do compile } */
/* { dg-options "-fplugin-arg-dynpromote-exclude=one,three" } */

typedef int (*fn) (int);

__attribute__ ((noipa)) int
one (fn f)
{
  return f (1) + f (11);
}

__attribute__ ((noipa)) int
two (fn f)
{
  return f (2) + 1;
}

__attribute__ ((noipa)) int
three (fn f)
{
  return f (3) + 1;
}

/* { dg-final { scan-assembler-times {\tcall\t\.Ldp_(?:entry|hit|guard)_\d+$} 1 } } */
/* { dg-final { scan-assembler-times {\tcall\t\*(?!__dynpromote_sample@GOTPCREL)} 3 } } */
/* { dg-final { scan-rtl-dump {rewritten call site \d+ in two at } } } */
/* { dg-final { scan-rtl-dump-times {skipped call in one at \S*opt-exclude\.c:12: [^\n]*excluded} 2 } } */
/* { dg-final { scan-rtl-dump {skipped call in three at \S*opt-exclude\.c:24: [^\n]*excluded} } } */
