/* Purpose: in a build with retpolines the inline guard is on by default
   (opt-inline-guard-plain.c: not in a plain build): every rewritten call
   compares its target with the site's guard and calls the rest of the
   guard in its stub, which branches on the compare's flags: a miss to
   the entry, a hit counted and on to the hit patch point (which the
   runtime points at the target).  One call instruction for both, so
   the callee sees one return address.  A sibcall compares, jumps to
   the entry on a miss (its jne bundle-locked like the jump), counts a
   hit and jumps to the hit patch point.  At -O2 (for the sibcall).  */
/* { dg-do compile } */
/* { dg-options "-O2 -mindirect-branch=thunk -fcf-protection=none" } */

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

/* { dg-final { scan-assembler-times {\tcmpq\t8\+\.Ldp_state_\d+\(%rip\), %r11\n#APP\n[^\n]*\n\t\.p2align 3,,4\n\t\.bundle_align_mode 3\n\t\.bundle_lock\n\.Ldp_call_\d+:\n# 0 "" 2\n#NO_APP\n\tcall\t\.Ldp_guard_\d+\n} 2 } } */
/* { dg-final { scan-assembler-times {\tcmpq\t8\+\.Ldp_state_\d+\(%rip\), %r11\n#APP\n[^\n]*\n\t\.p2align 3,,5\n\t\.bundle_align_mode 3\n\t\.bundle_lock\n\tjne\t\.Ldp_miss_\d+\n\t\.bundle_unlock\n} 1 } } */
/* No call but the guarded one: no out-of-line miss call.  */
/* { dg-final { scan-assembler-not {\tcall\t\.Ldp_(miss|entry)_\d+} } } */
/* { dg-final { scan-assembler-times {^\.Ldp_miss_\d+:$} 3 } } */
/* The rest of a call's guard, 16 bytes before the hit patch point:
   jne +22 (to the entry), the hit counter, a 6-byte nop.  */
/* { dg-final { scan-assembler-times {^\.Ldp_guard_\d+:\n\t\.byte 0x75, 0x16\n\taddq\t\$1, \.Ldp_state_\d+\+16\(%rip\)\n\t\.byte 0x66, 0x0f, 0x1f, 0x44, 0x00, 0x00\n(?:\t\.(?:if|error|endif)[^\n]*\n)+\.Ldp_hit_\d+:\n} 2 } } */
/* The hits reach the stub's hit patch point, an 8-byte jmp to the
   entry right before it (the runtime points it at the guard's
   target).  */
/* { dg-final { scan-assembler-times {\tjmp\t\.Ldp_hit_\d+$} 1 } } */
/* { dg-final { scan-assembler-times {\tcall\t\.Ldp_guard_\d+$} 2 } } */
/* { dg-final { scan-assembler-times {^\.Ldp_hit_\d+:\n\t\.byte 0xe9, 0x03, 0x00, 0x00, 0x00, 0x0f, 0x1f, 0x00\n\.Ldp_entry_\d+:\n} 3 } } */
