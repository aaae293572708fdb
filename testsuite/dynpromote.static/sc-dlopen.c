/* Purpose: a shared object loaded after an update calls the key's
   current function from its first call, follows later updates, and
   unloads cleanly; and loading it again after another update works the
   same (its trampoline and call are pointed at the current function when
   it registers).  */
/* { dg-do run } */
/* { dg-options "-rdynamic" } */
/* { dg-dso sclib sc-dlopen-lib.c } */

#include <dlfcn.h>
#include "sc-test.h"

NOIPA long add1 (long x) { return x + 1; }
NOIPA long mul2 (long x) { return x * 2; }
NOIPA long proto (long x) { return x - 1000; }
DEFINE_STATIC_CALL (op, add1);

int
main (void)
{
  const char *path = getenv ("DP_DSO_sclib");
  CHECK (path != NULL);
  static_call_update (op, mul2);
  for (int round = 0; round < 3; round++)
    {
      void *h = dlopen (path, RTLD_NOW | RTLD_LOCAL);
      if (!h)
	{
	  fprintf (stderr, "dlopen: %s\n", dlerror ());
	  abort ();
	}
      long (*lib_run) (long) = (long (*) (long)) dlsym (h, "lib_run");
      CHECK (lib_run != NULL);
      CHECK (lib_run (7) == (round % 2 ? 8 : 14));
      static_call_update (op, round % 2 ? mul2 : add1);
      CHECK (lib_run (7) == (round % 2 ? 14 : 8));
      static_call_update (op, NULL);
      CHECK (lib_run (7) == 0);
      static_call_update (op, round % 2 ? mul2 : add1);
      CHECK (dlclose (h) == 0);
      /* The next round loads it with the other function current.  */
      static_call_update (op, round % 2 ? mul2 : add1);
    }
  puts ("dlopen ok");
  return 0;
}

/* { dg-output "dlopen ok" } */
