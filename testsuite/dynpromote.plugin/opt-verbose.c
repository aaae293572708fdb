/* Purpose: -fplugin-arg-dynpromote-verbose gives one note per rewritten
   site, at the call's line, saying whether it is a call or a sibcall;
   direct calls get none.  */
/* { dg-do compile } */
/* { dg-options "-O2 -fplugin-arg-dynpromote-verbose" } */

typedef int (*fn) (int);
extern int direct (int);

__attribute__ ((noipa)) int
not_tail (fn f, int x)
{
  return f (x) * 2;	/* { dg-message "note: dynpromote: rewrote indirect call" } */
}

__attribute__ ((noipa)) int
tail (fn f, int x)
{
  return f (x + 1);	/* { dg-message "note: dynpromote: rewrote indirect sibcall" } */
}

__attribute__ ((noipa)) int
plain (int x)
{
  return direct (x) * 2;
}

/* { dg-final { scan-assembler-times {\tcall\t\.Ldp_(?:entry|hit|guard)_\d+$} 1 } } */
/* { dg-final { scan-assembler-times {\tjmp\t\.Ldp_(?:entry|hit|guard)_\d+$} 1 } } */
