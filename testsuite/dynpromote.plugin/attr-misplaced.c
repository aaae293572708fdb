/* Purpose: DYNPROMOTE_OFF where it means nothing (an int variable, an
   int field, an int parameter, a non-function typedef) is ignored with a
   -Wattributes warning at that line; the same attribute on function
   pointers next to them gives no warning.  */
/* { dg-do compile } */

#include <dynpromote.h>

int counter DYNPROMOTE_OFF;			/* { dg-warning ".dynpromote_off. attribute ignored" } */
int (*hook) (int) DYNPROMOTE_OFF;

struct s
{
  int x DYNPROMOTE_OFF;				/* { dg-warning ".dynpromote_off. attribute ignored" } */
  void (*cb) (void) DYNPROMOTE_OFF;
};

typedef long my_long DYNPROMOTE_OFF;		/* { dg-warning ".dynpromote_off. attribute ignored" } */

int
f (int n DYNPROMOTE_OFF, int (*g) (int) DYNPROMOTE_OFF)	/* { dg-warning ".dynpromote_off. attribute ignored" } */
{
  return g (n) + counter;
}
