/* Purpose: one process, two runtimes.  The program links the static
   runtime and dlopens a shared object that links the shared one (the
   program's copy does not export its symbols, so the object registers
   with the second copy).  The first copy to serve an object leads: the
   object of the second keeps plain indirect calls (its results are
   right), one warning says so and names both, exactly one dump is
   written (not one per copy, the last overwriting the first), and the
   leader's dump names the other copy.  Twin: two-runtimes-twin.c, the
   same with the shared runtime only.  */
/* { dg-do run } */
/* { dg-runtime static } */
/* { dg-dso dplib dlopen-lib.c } */
/* { dg-set-env DYNPROMOTE_STATS stdout } */
/* { dg-set-env DYNPROMOTE_TRUST_PREDICTOR 0 } */

#include <dlfcn.h>
#include "dp-test.h"

typedef long (*fn) (long);
NOIPA long main_cb (long x) { return x + 100; }
NOIPA long twice (long x) { return 2 * x; }
fn volatile own = twice;

int
main (void)
{
  long s = 0;
  for (long i = 0; i < 100000; i++)
    s += own (i);
  CHECK (s == 9999900000L);
  const char *path = getenv ("DP_DSO_dplib");
  CHECK (path != NULL);
  void *h = dlopen (path, RTLD_NOW);
  CHECK (h != NULL);
  long (*apply) (fn, long) = (long (*) (fn, long)) dlsym (h, "lib_apply");
  long (*internal) (long) = (long (*) (long)) dlsym (h, "lib_internal");
  CHECK (apply && internal);
  long t = 0;
  for (long i = 0; i < 100000; i++)
    t += apply (main_cb, i) + internal (i);
  CHECK (t == 4999950000L + 10000000L + 9999900000L);
  puts ("ok");
  fflush (stdout);
  return 0;
}

/* { dg-output "ok\r?\n# dynpromote-stats v1\r?\n" } */
/* { dg-final { scan-stdout-times {^# dynpromote-stats v1$} 1 } } */
/* { dg-final { scan-stdout {^runtime path=\S*[/]libdynpromote\.so\S* role=plain copies=1 objects=1$} } } */
/* { dg-final { scan-stdout {^site [^\n]* func=main kind=call state=promoted } } } */
/* { dg-final { scan-stdout-not {func=lib_} } } */
/* { dg-final { scan-stderr-times {^dynpromote: warning: two runtimes in one process: the one in \S+ serves the program, so the objects that registered with the one in \S*[/]libdynpromote\.so\S* keep plain indirect calls; link every object with the same, shared runtime } 1 } } */
