/* Purpose: static_call_update is safe while other threads call through
   the key: four threads call continuously while the main thread switches
   the key between two functions (and NULL) thousands of times; every
   call reaches one of the key's functions (never anything else), and
   once the last update has returned every call reaches its function.  */
/* { dg-do run } */

#include <pthread.h>
#include "sc-test.h"

NOIPA long add1 (long x) { return x + 1; }
NOIPA long mul2 (long x) { return x * 2; }
DEFINE_STATIC_CALL (op, add1);

static volatile int stop;
static volatile long calls;

static void *
caller (void *arg)
{
  (void) arg;
  long n = 0;
  while (!stop)
    for (long i = 1; i < 1000; i++, n++)
      {
	long r = static_call (op) (i);
	CHECK (r == i + 1 || r == i * 2 || r == 0);
      }
  __atomic_add_fetch (&calls, n, __ATOMIC_RELAXED);
  return NULL;
}

int
main (void)
{
  pthread_t t[4];
  for (int i = 0; i < 4; i++)
    CHECK (pthread_create (&t[i], NULL, caller, NULL) == 0);
  for (int round = 0; round < 3000; round++)
    {
      static_call_update (op, mul2);
      static_call_update (op, round % 7 ? add1 : NULL);
      static_call_update (op, add1);
    }
  static_call_update (op, mul2);
  for (long i = 0; i < 1000; i++)
    CHECK (static_call (op) (i) == i * 2);
  stop = 1;
  for (int i = 0; i < 4; i++)
    pthread_join (t[i], NULL);
  CHECK (calls > 0);
  puts ("threads ok");
  return 0;
}

/* { dg-output "threads ok" } */
