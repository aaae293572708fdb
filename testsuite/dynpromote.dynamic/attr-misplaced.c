/* Purpose: DYNPROMOTE_SHARED anywhere but on a function pointer (an
   int, an int field, a function) is ignored with a -Wattributes warning,
   and the calls stay ordinary sites.  */
/* { dg-do compile } */

#include <dynpromote.h>

int counter DYNPROMOTE_SHARED (bad);	/* { dg-warning "attribute ignored" } */
struct s
{
  int x DYNPROMOTE_SHARED (bad);	/* { dg-warning "attribute ignored" } */
};
DYNPROMOTE_SHARED (bad) int f (int (*g) (int));	/* { dg-warning "attribute ignored" } */

int
f (int (*g) (int))
{
  return g (1) + counter;
}

/* { dg-final { scan-assembler-not {__dynpromote_shared_v3_} } } */
/* { dg-final { scan-assembler-times {\tcall\t\.Ldp_(?:entry|hit|guard)_\d+$} 1 } } */
