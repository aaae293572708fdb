/* Purpose: in a build with retpolines the inline guard is on by default
   (opt-inline-guard-plain.c: not in a plain build): every rewritten call
   compares its target with the site's guard, counts a hit and calls (the
   call the runtime points at the target), and a miss calls the entry
   from an out-of-line block that returns after the call; a sibcall's
   miss jumps to the entry.  The miss call and the sibcall's jne are
   bundle-locked like the call, the miss block's label inside the lock,
   so the runtime can point them past the entry.  At -O2 (for the
   sibcall).  */
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

/* { dg-final { scan-assembler-times {\tcmpq\t8\+\.Ldp_state_\d+\(%rip\), %r11\n\tjne\t\.L\d+\n\taddq\t\$1, 16\+\.Ldp_state_\d+\(%rip\)\n} 2 } } */
/* { dg-final { scan-assembler-times {\tcmpq\t8\+\.Ldp_state_\d+\(%rip\), %r11\n#APP\n[^\n]*\n\t\.p2align 3,,5\n\t\.bundle_align_mode 3\n\t\.bundle_lock\n\tjne\t\.Ldp_miss_\d+\n\t\.bundle_unlock\n} 1 } } */
/* { dg-final { scan-assembler-times {\t\.bundle_align_mode 3\n\t\.bundle_lock\n# 0 "" 2\n#NO_APP\n\.L\d+:\n(?:\t\.cfi_[^\n]*\n)*\tcall\t\.Ldp_miss_\d+\n#APP\n[^\n]*\n\t\.bundle_unlock\n\t\.bundle_align_mode 0\n# 0 "" 2\n#NO_APP\n\tjmp\t\.L\d+\n} 2 } } */
/* { dg-final { scan-assembler-times {^\.Ldp_miss_\d+:$} 3 } } */
/* The hits call (or jump to) the stub's hit patch point, an 8-byte
   jmp to the entry right before it (the runtime points it at the
   guard's target).  */
/* { dg-final { scan-assembler-times {\t(call|jmp)\t\.Ldp_hit_\d+$} 3 } } */
/* { dg-final { scan-assembler-times {^\.Ldp_hit_\d+:\n\t\.byte 0xe9, 0x03, 0x00, 0x00, 0x00, 0x0f, 0x1f, 0x00\n\.Ldp_entry_\d+:\n} 3 } } */
