/* app.c - the program every target of the buildsys test project builds:
   indirect calls through a table (dispatch) and through the helper
   library (helper_apply), so an instrumented build has rewritten sites
   in both.  Prints the sum, which every build must get right.  */
#include <stdio.h>

typedef long (*op_fn) (long);

long helper_apply (op_fn f, long x);

static long twice (long x) { return 2 * x; }
static long thrice (long x) { return 3 * x; }
static op_fn const ops[] = { twice, thrice };

__attribute__ ((noipa)) long
dispatch (int i, long x)
{
  return ops[i & 1] (x);
}

int
main (void)
{
  long s = 0;
  for (long i = 0; i < 20000; i++)
    s += dispatch ((int) i, i) + helper_apply (twice, i);
  printf ("sum %ld\n", s);
  return s != 899960000L;
}
