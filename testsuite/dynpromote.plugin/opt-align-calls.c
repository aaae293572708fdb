/* Purpose: align-calls (the default, given explicitly here) puts each
   rewritten call, with its label, in a locked bundle of an 8-byte bundle
   mode, so the assembler keeps the 5-byte call inside one aligned 8-byte
   word and the runtime can replace its rel32 with one aligned store; the
   label stays on the call itself (the bundle is locked around both), and
   bundle mode is switched off again after each call (and after each
   branch of the inline guard's miss path, which align-calls turns on:
   two miss calls and a sibcall's jne).  The program still links and
   runs: see opt-align-calls-run.c.  */
/* { dg-do compile } */
/* { dg-options "-fplugin-arg-dynpromote-align-calls" } */

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

/* { dg-final { scan-assembler-times {\.bundle_align_mode 3\n\t\.bundle_lock\n\.Ldp_call_\d+:} 3 } } */
/* { dg-final { scan-assembler-times {\.bundle_unlock\n\t\.bundle_align_mode 0} 6 } } */
/* { dg-final { scan-assembler-times {\t(call|jmp)\t\.Ldp_(?:entry|hit)_\d+$} 3 } } */
