/* Purpose: without the plugin (plain gcc), dynpromote.h still compiles:
   __DYNPROMOTE__ is not defined, DYNPROMOTE_OFF expands to nothing (no
   "attribute ignored" warning), and indirect calls stay plain.  This is
   also the control that the scans of the other tests are not fooled.  */
/* { dg-do compile } */
/* { dg-plugin off } */
/* { dg-options "-Wall" } */

#include <dynpromote.h>

#ifdef __DYNPROMOTE__
# error "__DYNPROMOTE__ defined without the plugin"
#endif

typedef int (*fn) (int) DYNPROMOTE_OFF;
DYNPROMOTE_OFF int off_fn (fn f);

int
off_fn (fn f)
{
  return f (1) + 1;
}

int
on_fn (int (*g) (int))
{
  return g (2) + 1;
}

/* { dg-final { scan-assembler-not {Ldp_} } } */
/* { dg-final { scan-assembler-times {\tcall\t\*(?!__dynpromote_sample@GOTPCREL)} 2 } } */
