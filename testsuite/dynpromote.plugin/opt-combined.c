/* Purpose: several options at once (max-targets, exclude, verbose) are
   all honoured.  */
/* { dg-do compile } */
/* { dg-options "-fplugin-arg-dynpromote-max-targets=2 -fplugin-arg-dynpromote-exclude=skip_me -fplugin-arg-dynpromote-verbose" } */

typedef int (*fn) (int);

__attribute__ ((noipa)) int
skip_me (fn f)
{
  return f (1) + 1;
}

__attribute__ ((noipa)) int
keep_me (fn f)
{
  return f (2) + 1;	/* { dg-message "note: dynpromote: rewrote indirect call" } */
}

/* { dg-final { scan-assembler-times {\tcall\t\.Ldp_(?:entry|hit|guard)_\d+$} 1 } } */
