/* Purpose: the program links the static runtime and a shared object
   that links the shared one, both known at link time: the program's
   copy exports its symbols, so the object's calls bind to it and one
   runtime serves both objects, while the shared copy, loaded but idle,
   stays silent: one dump, listing both objects, and no warning (before
   peers.c, the idle copy wrote a second, empty dump over the first).  */
/* { dg-do run } */
/* { dg-runtime static } */
/* { dg-dso dplib dlopen-lib.c } */
/* { dg-link-dso dplib } */
/* { dg-set-env DYNPROMOTE_STATS stdout } */
/* { dg-set-env DYNPROMOTE_TRUST_PREDICTOR 0 } */

#include "dp-test.h"

typedef long (*fn) (long);
long lib_apply (fn f, long x);
long lib_internal (long x);
NOIPA long main_cb (long x) { return x + 100; }

int
main (void)
{
  long t = 0;
  for (long i = 0; i < 100000; i++)
    t += lib_apply (main_cb, i) + lib_internal (i);
  CHECK (t == 4999950000L + 10000000L + 9999900000L);
  puts ("ok");
  fflush (stdout);
  return 0;
}

/* { dg-output "ok\r?\n# dynpromote-stats v1\r?\n" } */
/* { dg-final { scan-stdout-times {^# dynpromote-stats v1$} 1 } } */
/* { dg-final { scan-stdout {^object path=\S*[/]libdplib\.so abi=3 sites=2 state=loaded build_id=[0-9a-f]+$} } } */
/* { dg-final { scan-stdout {^site [^\n]* func=lib_internal kind=call state=promoted } } } */
/* { dg-final { scan-stdout-not {^runtime } } } */
/* { dg-final { scan-stderr-not {two runtimes} } } */
