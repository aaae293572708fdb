/* Helper of ctors-dso.c: a shared object linked to the program, whose
   constructor and destructor make rewritten calls.  */

#include <unistd.h>
#include <string.h>

typedef long (*fn) (long);
static volatile long sink;
long lib_ctor_result;

__attribute__ ((noipa)) static long lib_neg (long x) { return -x; }
__attribute__ ((noipa)) static long
lib_site (fn f, long x)
{
  long r = f (x);
  sink = r;
  return r;
}

__attribute__ ((constructor)) static void
lib_ctor (void)
{
  fn volatile f = lib_neg;
  lib_ctor_result = lib_site (f, 21);
}

__attribute__ ((destructor)) static void
lib_dtor (void)
{
  fn volatile f = lib_neg;
  const char *m = lib_site (f, 5) == -5 ? "lib dtor ok\n" : "lib dtor FAILED\n";
  if (write (1, m, strlen (m)) < 0)
    _exit (9);
}

__attribute__ ((noipa)) long
lib_call (fn f, long x)
{
  return lib_site (f, x);
}
