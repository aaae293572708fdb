/* Purpose: a program linked against a plugin-built shared object (built
   -fPIC -shared): both register their sites, calls cross between them in
   both directions, and the dump lists both objects with their sites.  */
/* { dg-do run } */
/* { dg-dso dpshared shared-lib.c } */
/* { dg-link-dso dpshared } */
/* { dg-set-env DYNPROMOTE_SAMPLE_PERIOD 1 } */

#include "dp-test.h"

typedef long (*fn) (long);
extern long lib_apply (fn, long);
extern long lib_own (long);
extern long lib_tail (fn, long);
NOIPA long neg (long x) { return -x; }

int
main (void)
{
  long (*apply) (fn, long) = HIDE (lib_apply);
  for (long i = 0; i < 100; i++)
    {
      CHECK (apply (neg, i) == -i);
      CHECK (lib_own (i) == i * i);
      CHECK (lib_tail (neg, i) == -(i + 1));
    }
  puts ("shared ok");
  return 0;
}

/* { dg-output "shared ok" } */
/* { dg-final { scan-stats {^object path=\S*[/]shared\.exe abi=3 sites=\d+ state=loaded build_id=[0-9a-f]+$} } } */
/* { dg-final { scan-stats {^object path=\S*[/]libdpshared\.so abi=3 sites=3 state=(loaded|unloaded) build_id=[0-9a-f]+$} } } */
/* { dg-final { scan-stats {^site [^\n]*file=\S*shared-lib\.c [^\n]*func=lib_apply kind=call } } } */
/* { dg-final { scan-stats {^  target [^\n]* sym=lib_apply } } } */
/* { dg-final { scan-stats {^  target [^\n]* sym=lib_sq } } } */
