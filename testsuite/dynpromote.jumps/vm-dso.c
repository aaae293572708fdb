/* Purpose: jump sites in a shared object (vm-dso-lib.c: the VM, -fPIC,
   retpolines) loaded with dlopen, run until every hot site is promoted,
   unloaded with dlclose, three times: the sites register with the
   object (kind=jump, targets labels of vm_run), each load's VM is right
   and promoted, and the object is listed unloaded at exit.  Mutation:
   with -fplugin-arg-dynpromote-no-jumps the library has no jump site
   (its lib_until_promoted fails).  */
/* { dg-do run } */
/* { dg-options "-mindirect-branch=thunk -mindirect-branch-register" } */
/* { dg-dso vmlib vm-dso-lib.c } */

#include <dlfcn.h>
#include "dp-test.h"

int
main (void)
{
  const char *path = getenv ("DP_DSO_vmlib");
  CHECK (path != NULL);
  for (int round = 0; round < 3; round++)
    {
      void *h = dlopen (path, RTLD_NOW | RTLD_LOCAL);
      if (!h)
	{
	  fprintf (stderr, "dlopen: %s\n", dlerror ());
	  abort ();
	}
      int (*until) (int) = (int (*) (int)) dlsym (h, "lib_until_promoted");
      unsigned long (*check) (int, long, long)
	= (unsigned long (*) (int, long, long)) dlsym (h, "lib_check");
      CHECK (until && check);
      CHECK (until (round % 2));
      for (long i = 0; i < 50; i++)
	check ((int) (i % 2), i, 100 + i);
      char *snap = dp_stats_now ();
      CHECK (strstr (snap, "libvmlib.so abi=3 sites=") != NULL);
      free (snap);
      CHECK (dlclose (h) == 0);
    }
  puts ("dso ok");
  return 0;
}

/* { dg-output "dso ok" } */
/* { dg-final { scan-stdout-times {^vm ok: } 3 } } */
/* { dg-final { scan-stats {^object path=\S*[/]libvmlib\.so abi=3 sites=[1-9]\d* state=unloaded build_id=[0-9a-f]+$} } } */
/* { dg-final { scan-stats {^site [^\n]*file=\S*vm\.h [^\n]*func=vm_run kind=jump } } } */
/* { dg-final { scan-stats {^  target [^\n]* sym=vm_run\+0x[0-9a-f]+ } } } */
