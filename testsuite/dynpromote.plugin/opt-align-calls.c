/* Purpose: align-calls (the default, given explicitly here) puts each
   rewritten call, with its label, in a locked bundle of an 8-byte bundle
   mode, so the assembler keeps the 5-byte call inside one aligned 8-byte
   word (one cache line); the label stays on the call itself (the bundle
   is locked around both), and bundle mode is switched off again after
   each call.  A .p2align with a skip limit of 4 comes first, so the
   padding is one multi-byte nop, never the one-byte nops gas pads a
   bundle with.  A plain build has no inline guard by default, so three
   bundles (the guard's miss branches, locked too, are counted in
   opt-inline-guard-default.c).  The program still links and runs: see
   opt-align-calls-run.c.  */
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
/* { dg-final { scan-assembler-times {\.p2align 3,,4\n\t\.bundle_align_mode 3\n\t\.bundle_lock\n\.Ldp_call_\d+:} 3 } } */
/* { dg-final { scan-assembler-times {\.bundle_unlock\n\t\.bundle_align_mode 0} 3 } } */
/* { dg-final { scan-assembler-times {\t(call|jmp)\t\.Ldp_(?:entry|hit|guard)_\d+$} 3 } } */
