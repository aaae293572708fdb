/* Purpose: twin of stub-layout.c under -mindirect-branch=thunk without
   the inline guard: the stub's jump is `jmp __dynpromote_thunk_r11' (5
   bytes), so the stub is 24 bytes (13 + 5, padded with int3 to 8),
   8-byte aligned; no indirect branch is emitted.  */
/* { dg-do compile } */
/* { dg-options "-O2 -mindirect-branch=thunk -fcf-protection=none -fplugin-arg-dynpromote-no-inline-guard" } */

typedef int (*fn) (int);

__attribute__ ((noipa)) int
once (fn f, int x)
{
  return f (x) + 1;
}

/* { dg-final { scan-assembler-times {\t\.pushsection dynpromote_stubs,"ax",@progbits\n\t\.p2align 3, 0xcc\n\t\.type "dynpromote\.stub\.once\.0", @function\n"dynpromote\.stub\.once\.0":\n(?:\t\.cfi_startproc\n)?\.Ldp_entry_0:\n\t\.byte 0x0f, 0x1f, 0x44, 0x00, 0x00, 0x0f, 0x1f, 0x00\n\tcall\t__dynpromote_slow_v3\.t\n\.Ldp_jump_0:\n\tjmp\t__dynpromote_thunk_r11\n\t\.p2align 3, 0xcc\n} 1 } } */
/* { dg-final { scan-assembler-not {\tcall\t\*} } } */
/* { dg-final { scan-assembler-not {\tjmp\t\*} } } */
