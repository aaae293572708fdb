/* Purpose: a shared object compiled with the plugin but linked without
   the runtime links (shared objects may leave symbols to the program),
   and dlopen of it, from a program that has no runtime either, fails
   with an error that names the fix (the runtime's link-check symbol is
   the first one missing), in both binding modes.  Twin:
   dlopen-runtime.c, the same object linked with the runtime, loads.  */
/* { dg-do run } */
/* { dg-runtime none } */
/* { dg-dso dplib dlopen-lib.c "-no-dp-runtime" } */

#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>

int
main (void)
{
  const char *path = getenv ("DP_DSO_dplib");
  if (!path)
    return 2;
  int modes[2] = { RTLD_NOW, RTLD_LAZY };
  for (int i = 0; i < 2; i++)
    {
      void *h = dlopen (path, modes[i]);
      if (h)
	{
	  puts ("loaded");
	  dlclose (h);
	}
      else
	printf ("dlopen: %s\n", dlerror ());
    }
  return 0;
}

/* { dg-output "(dlopen: \[^\n\]*: undefined symbol: dynpromote: compiled with the plugin, link with the runtime \\(-specs=dynpromote.specs or \\$\\(pkg-config --libs dynpromote\\)\\)\r?\n){2}" } */
