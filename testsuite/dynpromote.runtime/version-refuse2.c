/* Purpose: an object built for runtime ABI 2, the previous one (its
   stubs call a sampling routine of their own, its records have another
   layout; simulated by a helper that registers with ABI 2), is refused
   as version-refuse.c's ABI 1 object is, when
   it is loaded: one "dynpromote: error:" line naming it, a block with
   state=refused in the dump, and the program, the refused object's code and the program's own
   rewritten calls all keep working.  */
/* { dg-do run } */
/* { dg-dso refuse2 version-refuse2-lib.c "-no-dp-plugin" } */

#include <dlfcn.h>
#include "dp-test.h"

typedef long (*fn) (long);
NOIPA long plus1 (long x) { return x + 1; }

int
main (void)
{
  void *h = dlopen (getenv ("DP_DSO_refuse2"), RTLD_NOW);
  CHECK (h != NULL);
  long (*work) (long) = (long (*) (long)) dlsym (h, "future_work");
  CHECK (work && work (5) == 15);
  for (long i = 0; i < 100; i++)
    CHECK (HIDE (plus1) (i) == i + 1);
  CHECK (dlclose (h) == 0);
  puts ("still running");
  return 0;
}

/* { dg-output "still running" } */
/* { dg-final { scan-stderr {^dynpromote: error: [^\n]*librefuse2\.so} } } */
/* { dg-final { scan-stderr-times {^.+$} 1 } } */
/* { dg-final { scan-stats {^object path=\S*[/]librefuse2\.so abi=2 sites=0 state=refused$} } } */
/* { dg-final { scan-stats {^site [^\n]* func=main kind=call } } } */
