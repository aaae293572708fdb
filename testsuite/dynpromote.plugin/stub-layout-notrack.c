/* Purpose: twin of stub-layout.c for a nocf_check pointer under
   -fcf-protection: the jump is `notrack jmp *%r11' (4 bytes), so the
   stub is 24 bytes, 8-byte aligned, padded with int3.  */
/* { dg-do compile } */
/* { dg-options "-O2 -fcf-protection=full" } */

typedef int (*fn) (int) __attribute__ ((nocf_check));

__attribute__ ((noipa)) int
once (fn f, int x)
{
  return f (x) + 1;
}

/* { dg-final { scan-assembler-times {\t\.pushsection dynpromote_stubs,"ax",@progbits\n\t\.p2align 3, 0xcc\n\t\.type "dynpromote\.stub\.once\.0", @function\n"dynpromote\.stub\.once\.0":\n(?:\t\.cfi_startproc\n)?\.Ldp_entry_0:\n\t\.byte 0x0f, 0x1f, 0x44, 0x00, 0x00, 0x0f, 0x1f, 0x00\n\tcall\t__dynpromote_slow_v3\n\.Ldp_jump_0:\n\tnotrack jmp\t\*%r11\n\t\.p2align 3, 0xcc\n} 1 } } */
