/* Purpose: a plugin-built shared object linked to the program (not
   dlopened) makes rewritten calls in its constructor (which runs before
   the program's) and destructor; its sites are registered and listed
   with its own path, as state=loaded: it was never dlclosed.  The
   program has no site of its own, so its dump runs after the objects'
   destructors, which retire them as they do at dlclose; the dump tells
   the two apart by whether the dynamic linker still has the object
   where it was (the twin: dlopen.c, dlclosed, is state=unloaded).  */
/* { dg-do run } */
/* { dg-dso dpctor ctors-dso-lib.c } */
/* { dg-link-dso dpctor } */
/* { dg-set-env DYNPROMOTE_SAMPLE_PERIOD 1 } */

#include "dp-test.h"

typedef long (*fn) (long);
extern long lib_ctor_result;
extern long lib_call (fn, long);
NOIPA long plus1 (long x) { return x + 1; }

int
main (void)
{
  CHECK (lib_ctor_result == -21);
  for (long i = 0; i < 100; i++)
    CHECK (lib_call (HIDE (plus1), i) == i + 1);
  puts ("main ok");
  fflush (stdout);
  return 0;
}

/* { dg-output "main ok\nlib dtor ok\n" } */
/* { dg-final { scan-stats {^object path=\S*[/]libdpctor\.so abi=3 sites=1 state=loaded build_id=[0-9a-f]+$} } } */
/* { dg-final { scan-stats {^site [^\n]*file=\S*ctors-dso-lib\.c [^\n]*func=lib_site kind=call } } } */
/* { dg-final { scan-stats {^  target [^\n]* sym=plus1 } } } */
