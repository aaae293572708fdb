/* Purpose: rewritten calls made before the runtime has started and after
   its exit work: in a .preinit_array function (runs before every
   constructor, the runtime's included), in constructor(101) and default
   constructors, in an atexit handler registered early, and in
   destructor(101) and default destructors (which run after the runtime
   wrote its exit dump).  Every result is checked; every site is in the
   dump.  */
/* { dg-do run } */
/* { dg-set-env DYNPROMOTE_SAMPLE_PERIOD 1 } */

#include <unistd.h>
#include "dp-test.h"

typedef long (*fn) (long);
static volatile long sink;

NOIPA long sq (long x) { return x * x; }

static void
say (const char *s)
{
  if (write (1, s, strlen (s)) < 0)
    _exit (9);
}

/* One site per phase, so the dump shows each.  */
#define PHASE(name)						\
  NOIPA static long name##_site (fn f, long x)			\
  {								\
    long r = f (x);						\
    sink = r;							\
    return r;							\
  }								\
  static void name##_check (void)				\
  {								\
    for (long i = 0; i < 50; i++)				\
      if (name##_site (HIDE (sq), i) != i * i)			\
	{							\
	  say (#name " FAILED\n");				\
	  _exit (8);						\
	}							\
    say (#name " ok\n");					\
  }

PHASE (preinit)
PHASE (ctor101)
PHASE (ctor)
PHASE (main)
PHASE (atexit101)
PHASE (dtor)
PHASE (dtor101)

static void
preinit (int argc, char **argv, char **envp)
{
  (void) argc, (void) argv, (void) envp;
  preinit_check ();
}
__attribute__ ((section (".preinit_array"), used))
static void (*const preinit_entry) (int, char **, char **) = preinit;

static void atexit_handler (void) { atexit101_check (); }

__attribute__ ((constructor (101))) static void
c101 (void)
{
  ctor101_check ();
  atexit (atexit_handler);
}

__attribute__ ((constructor)) static void c (void) { ctor_check (); }
__attribute__ ((destructor)) static void d (void) { dtor_check (); }
__attribute__ ((destructor (101))) static void d101 (void) { dtor101_check (); }

int
main (void)
{
  main_check ();
  return 0;
}

/* { dg-output "preinit ok\nctor101 ok\nctor ok\nmain ok\natexit101 ok\ndtor ok\ndtor101 ok\n" } */
/* { dg-final { scan-stats {^site [^\n]* func=preinit_site kind=call } } } */
/* { dg-final { scan-stats {^site [^\n]* func=ctor101_site kind=call } } } */
/* { dg-final { scan-stats {^site [^\n]* func=main_site kind=call state=\w+ calls=50 } } } */
/* { dg-final { scan-stats {^site [^\n]* func=dtor101_site kind=call } } } */
