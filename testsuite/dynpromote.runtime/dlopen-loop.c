/* Purpose: load and unload a plugin-built shared object 200 times while
   two threads hammer the program's own rewritten sites with every call
   sampled: registration and unregistration race with sampling and must
   neither crash nor lose the program's sites.  */
/* { dg-do run } */
/* { dg-dso dploop dlopen-loop-lib.c } */
/* { dg-set-env DYNPROMOTE_SAMPLE_PERIOD 1 } */

#include <dlfcn.h>
#include <pthread.h>
#include "dp-test.h"

typedef long (*fn) (long);
static volatile long sink;
static volatile int stop;
NOIPA long neg (long x) { return -x; }
NOIPA long main_site (fn f, long x) { long r = f (x); sink = r; return r; }

static void *
hammer (void *arg)
{
  (void) arg;
  for (long i = 0; !stop; i++)
    if (main_site (HIDE (neg), i) != -i)
      abort ();
  return NULL;
}

int
main (void)
{
  const char *path = getenv ("DP_DSO_dploop");
  CHECK (path != NULL);
  pthread_t th[2];
  for (int t = 0; t < 2; t++)
    CHECK (pthread_create (&th[t], NULL, hammer, NULL) == 0);
  for (int k = 0; k < 200; k++)
    {
      void *h = dlopen (path, RTLD_NOW | RTLD_LOCAL);
      CHECK (h != NULL);
      long (*apply) (fn, long) = (long (*) (fn, long)) dlsym (h, "loop_apply");
      CHECK (apply != NULL);
      for (long i = 0; i < 100; i++)
	CHECK (HIDE (apply) (neg, i) == -i);
      CHECK (dlclose (h) == 0);
    }
  stop = 1;
  for (int t = 0; t < 2; t++)
    CHECK (pthread_join (th[t], NULL) == 0);
  puts ("loop ok");
  return 0;
}

/* { dg-output "loop ok" } */
/* { dg-final { scan-stats {^site [^\n]* func=main_site kind=call state=\w+ } } } */
/* { dg-final { scan-stats {^object path=\S*[/]libdploop\.so abi=3 sites=1 state=unloaded build_id=[0-9a-f]+$} } } */
