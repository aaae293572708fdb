/* Purpose: link-time optimisation (-flto, two translation units): the
   plugin runs where the code is generated (the LTO link), so calls
   through pointers that cross units are rewritten there, run correctly,
   and are in the dump with their source locations.  */
/* { dg-do run } */
/* { dg-options "-flto" } */
/* { dg-additional-sources "lto-aux.c" } */
/* { dg-set-env DYNPROMOTE_SAMPLE_PERIOD 1 } */
/* { dg-set-env DYNPROMOTE_LEARN_PERIOD 1 } */
/* (The promotion runtime samples learning sites at its own
   DYNPROMOTE_LEARN_PERIOD; it is set to the same period.)  */

#include "dp-test.h"

typedef long (*fn) (long);
extern long aux_apply (fn, long);
extern fn aux_table[2];
NOIPA long inc (long x) { return x + 1; }

int
main (void)
{
  aux_table[1] = inc;
  for (long i = 0; i < 100; i++)
    {
      CHECK (aux_apply (HIDE (aux_table[i & 1]), i) == ((i & 1) ? i + 1 : 3 * i));
    }
  puts ("lto ok");
  return 0;
}

/* { dg-output "lto ok" } */
/* { dg-final { scan-assembler {\tcall\t\.Ldp_(?:entry|hit|guard)_\d+$} } } */
/* { dg-final { scan-stats {^site [^\n]*file=\S*lto-aux\.c [^\n]*func=aux_apply kind=call } } } */
/* { dg-final { scan-stats {^  target [^\n]* sym=aux_triple (\S+ )*samples=\d+ share=50\.0%( off=0x[0-9a-f]+)?$} } } */
/* { dg-final { scan-stats {^  target [^\n]* sym=inc (\S+ )*samples=\d+ share=50\.0%( off=0x[0-9a-f]+)?$} } } */
