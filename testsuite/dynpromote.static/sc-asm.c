/* Purpose: what the plugin emits for static calls: each call of a key's
   trampoline is padded into an 8-byte bundle, labelled and recorded; the
   trampoline (hidden, comdat) starts with 8 bytes of nops, then the
   8-byte patch point "jmp +8" followed by the fallback through the key; and one registration
   constructor per object.  A sibcall is recorded as a jmp.  */
/* { dg-do compile } */
/* { dg-options "-O2 -fcf-protection=none" } */

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

/* { dg-final { scan-assembler-times {\.bundle_align_mode 3\n\t\.bundle_lock\n\.Ldp_scall_\d+:} 2 } } */
/* { dg-final { scan-assembler {\tcall\t__dynpromote_scall_tramp_op\n} } } */
/* { dg-final { scan-assembler {\tjmp\t__dynpromote_scall_tramp_op\n} } } */
/* { dg-final { scan-assembler {\.hidden __dynpromote_scall_tramp_op\n} } } */
/* { dg-final { scan-assembler {__dynpromote_scall_tramp_op:\n\t\.cfi_startproc\n\t\.byte 0x0f, 0x1f, 0x40, 0x00\n\t\.byte 0x0f, 0x1f, 0x40, 0x00\n\t\.byte 0xe9, 3, 0, 0, 0, 0x0f, 0x1f, 0x00\n\tmovq\t__dynpromote_scall_key_op@GOTPCREL\(%rip\), %r11\n\tmovq\t8\(%r11\), %r11\n\tjmp\t\*%r11\n} } } */
/* { dg-final { scan-assembler-times {section dynpromote_scall_v3,"aw} 3 } } */
/* { dg-final { scan-assembler {\tjmp\t__dynpromote_register_static_calls@PLT} } } */
