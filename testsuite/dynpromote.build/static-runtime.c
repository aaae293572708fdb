/* Purpose: a dynamically linked program with the runtime linked in
   statically (libdynpromote.a plus -lelf -lpthread -ldl): sites
   register, learn and are named; a plain shared object dlopened later
   calls back into the program's code without disturbing it.  */
/* { dg-do run } */
/* { dg-runtime static } */
/* { dg-dso dpsr static-runtime-lib.c "-no-dp-plugin" } */
/* { dg-set-env DYNPROMOTE_SAMPLE_PERIOD 1 } */

#include <dlfcn.h>
#include "dp-test.h"

typedef long (*fn) (long);
static volatile long sink;
NOIPA long inc (long x) { return x + 1; }
NOIPA long site (fn f, long x) { long r = f (x); sink = r; return r; }

int
main (void)
{
  for (long i = 0; i < 100; i++)
    CHECK (site (inc, i) == i + 1);
  void *h = dlopen (getenv ("DP_DSO_dpsr"), RTLD_NOW);
  CHECK (h != NULL);
  long (*plain) (fn, long) = (long (*) (fn, long)) dlsym (h, "plain_apply");
  CHECK (plain && plain (inc, 4) == 5);
  return 0;
}

/* { dg-final { scan-stats {^site [^\n]* func=site kind=call state=\w+ calls=100 } } } */
/* { dg-final { scan-stats {^  target [^\n]* sym=inc } } } */
