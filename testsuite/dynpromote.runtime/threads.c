/* Purpose: eight threads hammer the same rewritten sites at once, every
   call sampled (period 1): every result is right, and the dump's counts
   add up (within 10% for the shared site, since the call path takes no
   locks) with the four targets at about a quarter each (22-28%, whether
   the decision promoted all four or three, the fourth's samples then
   being misses, each counted once).  Threads are also created and joined
   in a loop while the others run.  */
/* { dg-do run } */
/* Promotion is the precondition here; without retpolines a
   monomorphic or uniform site would be left to the predictor.  */
/* { dg-set-env DYNPROMOTE_TRUST_PREDICTOR 0 } */
/* { dg-set-env DYNPROMOTE_SAMPLE_PERIOD 1 } */

#include <pthread.h>
#include "dp-test.h"

#define THREADS 8
#define CALLS 100000L

typedef long (*fn) (long);
static volatile long sink;

NOIPA long t0 (long x) { return x + 0; }
NOIPA long t1 (long x) { return x + 1; }
NOIPA long t2 (long x) { return x + 2; }
NOIPA long t3 (long x) { return x + 3; }
static fn const targets[4] = { t0, t1, t2, t3 };

NOIPA long shared_site (fn f, long x) { long r = f (x); sink = r; return r; }

static void *
worker (void *arg)
{
  long id = (long) arg;
  for (long i = 0; i < CALLS; i++)
    {
      long k = (i + id) & 3;
      if (shared_site (HIDE (targets[k]), i) != i + k)
	abort ();
    }
  return NULL;
}

static void *
short_lived (void *arg)
{
  long id = (long) arg;
  for (long i = 0; i < 100; i++)
    if (shared_site (HIDE (t1), id) != id + 1)
      abort ();
  return NULL;
}

int
main (void)
{
  pthread_t th[THREADS];
  for (long t = 0; t < THREADS; t++)
    CHECK (pthread_create (&th[t], NULL, worker, (void *) t) == 0);
  for (long round = 0; round < 50; round++)
    {
      pthread_t s;
      CHECK (pthread_create (&s, NULL, short_lived, (void *) round) == 0);
      CHECK (pthread_join (s, NULL) == 0);
    }
  for (int t = 0; t < THREADS; t++)
    CHECK (pthread_join (th[t], NULL) == 0);

  char *snap = dp_stats_now ();
  const char *line = dp_stats_site (snap, "shared_site", 0);
  CHECK (line != NULL);
  long calls = dp_stats_num (line, "calls");
  long want = THREADS * CALLS + 50 * 100;
  printf ("calls=%ld want=%ld\n", calls, want);
  CHECK (calls >= want * 9 / 10 && calls <= want * 11 / 10);
  free (snap);
  return 0;
}

/* { dg-final { scan-stats {^  target [^\n]* sym=t0 (\S+ )*samples=\d+ share=2[2-8]\.\d%( off=0x[0-9a-f]+)?$} } } */
/* { dg-final { scan-stats {^  target [^\n]* sym=t2 (\S+ )*samples=\d+ share=2[2-8]\.\d%( off=0x[0-9a-f]+)?$} } } */
/* { dg-final { scan-stats {^  target [^\n]* sym=t3 (\S+ )*samples=\d+ share=2[2-8]\.\d%( off=0x[0-9a-f]+)?$} } } */
/* { dg-final { scan-stats {^  target [^\n]* sym=t1 (\S+ )*samples=\d+ share=2[2-8]\.\d%( off=0x[0-9a-f]+)?$} } } */
