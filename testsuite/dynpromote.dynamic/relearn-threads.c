/* Purpose: a shared family under threads whose target set changes:
   four threads call through two sites of family ph while the targets
   move through three phases, so the family is promoted, relearns and is
   promoted again as one (one trampoline, every member routed together).
   Every call checks it reached the function it asked for: zero wrong
   calls.  At the end the main thread drives the last phase until the
   family is promoted again (bounded: 5 s).  */
/* { dg-do run } */
/* Promotion is the precondition here; without retpolines a
   monomorphic or uniform site would be left to the predictor.  */
/* { dg-set-env DYNPROMOTE_TRUST_PREDICTOR 0 } */
/* { dg-set-env DYNPROMOTE_LEARN_PERIOD 1 } */
/* { dg-set-env DYNPROMOTE_SAMPLE_PERIOD 10 } */
/* { dg-set-env DYNPROMOTE_REPATCH_INTERVAL_MS 1 } */

#include <pthread.h>
#include <time.h>
#include "dp-test.h"

typedef long (*ph_fn) (long) DYNPROMOTE_SHARED (ph);

NOIPA static long a (long x) { return x + 1; }
NOIPA static long b (long x) { return x * 3; }
NOIPA static long c (long x) { return x - 7; }
NOIPA static long d (long x) { return x ^ 0x55; }

static const ph_fn phase_fns[3][2] = { { a, b }, { c, d }, { d, a } };

static long
expect (ph_fn f, long x)
{
  return f == a ? x + 1 : f == b ? x * 3 : f == c ? x - 7 : x ^ 0x55;
}

NOIPA long site_one (ph_fn f, long x) { return f (x) + 0; }
NOIPA long site_two (ph_fn f, long x) { return f (x) + 0; }

static void
run_phase (int p, long n)
{
  for (long i = 0; i < n; i++)
    {
      ph_fn f = phase_fns[p][i & 1], g = phase_fns[p][!(i & 1)];
      CHECK (site_one (HIDE (f), i) == expect (f, i));
      CHECK (site_two (HIDE (g), i) == expect (g, i));
    }
}

static void *
worker (void *arg)
{
  (void) arg;
  for (int p = 0; p < 3; p++)
    run_phase (p, 60000);
  return NULL;
}

int
main (void)
{
  pthread_t t[4];
  for (int i = 0; i < 4; i++)
    CHECK (pthread_create (&t[i], NULL, worker, NULL) == 0);
  for (int i = 0; i < 4; i++)
    CHECK (pthread_join (t[i], NULL) == 0);

  int done = 0;
  for (int round = 0; round < 500 && !done; round++)
    {
      run_phase (2, 20000);
      char *stats = dp_stats_now ();
      const char *shared = strstr (stats, "\nshared family=ph ");
      done = shared && strstr (shared, " state=promoted ")
	     && strstr (stats, " sym=d promoted=1 ")
	     && strstr (stats, " sym=a promoted=1 ");
      free (stats);
      if (!done)
	{
	  struct timespec ts = { 0, 10000000 };
	  nanosleep (&ts, NULL);
	}
    }
  CHECK (done);
  run_phase (2, 20000);
  puts ("threads ok");
  return 0;
}

/* { dg-output "threads ok" } */
/* { dg-final { scan-stats-times {^shared family=ph sites=2 state=promoted } 1 } } */
/* { dg-final { scan-stats-times {^site [^\n]* state=promoted [^\n]* shared=ph\n} 2 } } */
