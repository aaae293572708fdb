/* Purpose: a site record is 24 bytes (dynpromote/abi.h): abi, kind with
   max-targets in its top nibble, flags, then the self-relative state,
   call, entry and location, and line and column packed into one word
   (line in the low 20 bits, column in the top 12).  The sites of one
   function share one location descriptor (file and function names, 8
   bytes), emitted once; another function gets its own.  */
/* { dg-do compile } */
/* { dg-options "-O2 -fcf-protection=none -fplugin-arg-dynpromote-max-targets=3" } */

typedef int (*fn) (int);

__attribute__ ((noipa)) int
two (fn f, fn g, int x)
{
  return f (x) + g (x);
}

__attribute__ ((noipa)) int
one (fn f, int x)
{
  return f (x) + 1;
}

/* { dg-final { scan-assembler-times {\t\.size "dynpromote\.record\.two\.\d+", 24\n"dynpromote\.record\.two\.\d+":\n\t\.short 3\n\t\.byte 49, 32\n\t\.long \.Ldp_state_\d+ - \.\n\t\.long \.Ldp_call_\d+ - \.\n\t\.long \.Ldp_entry_\d+ - \.\n\t\.long \.Ldp_loc_0 - \.\n\t\.long \d+\n} 2 } } */
/* { dg-final { scan-assembler-times {\t\.long \.Ldp_loc_1 - \.\n} 1 } } */
/* { dg-final { scan-assembler-times {^\.Ldp_loc_\d+:\n\t\.long \.Ldp_str_\d+ - \.\n\t\.long \.Ldp_str_\d+ - \.\n} 2 } } */
/* { dg-final { scan-assembler-times {\t\.pushsection \.rodata\.dynpromote\.loc,"a",@progbits\n\t\.p2align 2\n} 2 } } */
/* line 15, columns 10 and 18: 15 | 10 << 20, 15 | 18 << 20.  */
/* { dg-final { scan-assembler {\t\.long 10485775\n} } } */
/* { dg-final { scan-assembler {\t\.long 18874383\n} } } */
