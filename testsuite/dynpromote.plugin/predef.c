/* Purpose: the plugin predefines __DYNPROMOTE__ (to 3, the ABI version),
   dynpromote.h then turns DYNPROMOTE_OFF into an attribute the compiler
   knows (no -Wattributes warning, made an error here), and it takes
   effect.  */
/* { dg-do compile } */
/* { dg-options "-Werror=attributes" } */

#include <dynpromote.h>

#ifndef __DYNPROMOTE__
# error "__DYNPROMOTE__ is not defined"
#endif
#if __DYNPROMOTE__ != 3
# error "__DYNPROMOTE__ is not 3"
#endif

DYNPROMOTE_OFF int off_fn (int (*f) (int));

__attribute__ ((noipa)) int
off_fn (int (*f) (int))
{
  return f (1) + 1;
}

/* { dg-final { scan-assembler-not {Ldp_entry} } } */
