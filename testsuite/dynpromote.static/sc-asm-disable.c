/* Purpose: negative twin of sc-asm.c: with the plugin disabled no call
   is recorded or padded, but the trampoline is still emitted (the calls
   need it) and the program would still be right.  */
/* { dg-do compile } */
/* { dg-options "-O2 -fplugin-arg-dynpromote-disable" } */

#include <dynpromote/static_call.h>

long add1 (long x);
DECLARE_STATIC_CALL (op, add1);
long sink;

long
twice (long x)
{
  long r = static_call (op) (x);
  sink = r;
  return static_call (op) (r);
}

/* { dg-final { scan-assembler-not {\.Ldp_scall_} } } */
/* { dg-final { scan-assembler-not {bundle_lock} } } */
/* { dg-final { scan-assembler {__dynpromote_scall_tramp_op:\n} } } */
