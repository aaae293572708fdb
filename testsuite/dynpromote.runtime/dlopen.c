/* Purpose: dlopen, dlclose and dlopen again of a shared object built
   with the plugin: its sites register on load (the dump lists the object
   and its sites, state=loaded), its rewritten calls work both into the
   program and within itself, dlclose really unloads it and keeps its
   block in the dump with state=unloaded, and a second load works the
   same.  */
/* { dg-do run } */
/* The sites stay learning through these calls (a verdict needs 64
   samples, one in 16 calls), so the dump's call counts are exact.  */
/* { dg-set-env DYNPROMOTE_LEARN_PERIOD 16 } */
/* { dg-dso dplib dlopen-lib.c } */
/* { dg-set-env DYNPROMOTE_SAMPLE_PERIOD 1 } */

#include <dlfcn.h>
#include "dp-test.h"

typedef long (*fn) (long);
NOIPA long main_cb (long x) { return x + 100; }

int
main (void)
{
  const char *path = getenv ("DP_DSO_dplib");
  CHECK (path != NULL);
  for (int round = 0; round < 3; round++)
    {
      void *h = dlopen (path, RTLD_NOW | RTLD_LOCAL);
      if (!h)
	{
	  fprintf (stderr, "dlopen: %s\n", dlerror ());
	  abort ();
	}
      long (*apply) (fn, long) = (long (*) (fn, long)) dlsym (h, "lib_apply");
      long (*internal) (long) = (long (*) (long)) dlsym (h, "lib_internal");
      CHECK (apply && internal);
      for (long i = 0; i < 500; i++)
	{
	  CHECK (HIDE (apply) (main_cb, i) == i + 100);
	  CHECK (HIDE (internal) (i) == 2 * i);
	}

      char *snap = dp_stats_now ();
      CHECK (strstr (snap, "libdplib.so abi=3 sites=2 state=loaded build_id=") != NULL);
      const char *line = dp_stats_site (snap, "lib_apply", 0);
      CHECK (line != NULL && strstr (line, "dlopen-lib.c") != NULL);
      CHECK (dp_stats_num (line, "calls") == 500);
      CHECK (strstr (snap, " sym=main_cb ") != NULL);
      free (snap);

      CHECK (dlclose (h) == 0);
      CHECK (dlopen (path, RTLD_NOW | RTLD_NOLOAD) == NULL);
      snap = dp_stats_now ();
      CHECK (strstr (snap, "libdplib.so abi=3 sites=2 state=unloaded build_id=") != NULL);
      CHECK (strstr (snap, "libdplib.so abi=3 sites=2 state=loaded build_id=") == NULL);
      free (snap);
    }
  puts ("dlopen ok");
  return 0;
}

/* { dg-output "dlopen ok" } */
/* { dg-final { scan-stats {^object path=\S*[/]libdplib\.so abi=3 sites=2 state=unloaded build_id=[0-9a-f]+$} } } */
/* { dg-final { scan-stats {^site [^\n]*file=\S*dlopen-lib\.c [^\n]*func=lib_apply kind=call } } } */
/* { dg-final { scan-stats {^site [^\n]*file=\S*dlopen-lib\.c [^\n]*func=lib_internal kind=call } } } */
/* { dg-final { scan-stats-not {^object path=\S*[/]libdplib\.so [^\n]*state=loaded build_id=[0-9a-f]+$} } } */
