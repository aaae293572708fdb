/* Purpose: align-calls is on by default: without any option every
   rewritten call and sibcall sits in a locked 8-byte bundle, so the
   runtime can point the call itself at a trampoline.  */
/* { dg-do compile } */

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
/* { dg-final { scan-assembler-times {\t(call|jmp)\t\.Ldp_(?:entry|hit|guard)_\d+$} 3 } } */
