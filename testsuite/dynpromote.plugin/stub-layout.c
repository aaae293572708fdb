/* Purpose: an unguarded stub of a plain build is 16 bytes, 16-byte
   aligned (dynpromote/abi.h): the 8-byte patch point (nops), the call
   of the object's sampling routine (5 bytes, ending at entry+13) and
   the site's own `jmp *%r11' (3 bytes), nothing else.  Twins:
   stub-layout-retpoline.c and stub-layout-notrack.c (24 bytes).  */
/* { dg-do compile } */
/* { dg-options "-O2 -fcf-protection=none" } */

typedef int (*fn) (int);

__attribute__ ((noipa)) int
once (fn f, int x)
{
  return f (x) + 1;
}

/* { dg-final { scan-assembler-times {\t\.pushsection dynpromote_stubs,"ax",@progbits\n\t\.p2align 4, 0xcc\n\t\.type "dynpromote\.stub\.once\.0", @function\n"dynpromote\.stub\.once\.0":\n(?:\t\.cfi_startproc\n)?\.Ldp_entry_0:\n\t\.byte 0x0f, 0x1f, 0x44, 0x00, 0x00, 0x0f, 0x1f, 0x00\n\tcall\t__dynpromote_slow_v3\n\.Ldp_jump_0:\n\tjmp\t\*%r11\n\t\.p2align 3, 0xcc\n(?:\t\.cfi_endproc\n)?\t\.size "dynpromote\.stub\.once\.0", \.-"dynpromote\.stub\.once\.0"\n\t\.popsection\n} 1 } } */
