/* grace.c - how long dynpromote_synchronize () takes, with NTHREADS extra
   threads that all behave one way:

     sleep    loop on usleep (1000)
     blocked  wait on a condition variable that is only signalled at exit
     spin     stay on the CPU, calling through an indirect call that the
              dynpromote plugin rewrote (and the runtime promotes)

   Built with the plugin and run by bench/grace, one configuration per
   process.  A benchmark, not a test.

   usage: grace BEHAVIOUR NTHREADS [SAMPLES [BUDGET_S]]
   Starts the threads, waits until all run (and 100 ms more, so that the
   spinning threads' call site is promoted), then calls
   dynpromote_synchronize () SAMPLES times (default 21), 1 ms apart,
   stopping early once BUDGET_S seconds (default 10) have gone by and at
   least 3 calls were made.  Prints one line:

     BEHAVIOUR NTHREADS calls=N failed=N median_us=X min_us=X max_us=X

   failed counts calls that returned -1 (some thread not seen outside the
   retired code in time).  */

#define _GNU_SOURCE
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <dynpromote.h>

#include "bench-util.h"

typedef long (*op_fn) (long);

__attribute__ ((noinline)) long spin_op (long x);
__attribute__ ((noinline)) long
spin_op (long x)
{
  return x + 1;
}

/* volatile: the call in spin_main stays an indirect call.  */
static op_fn volatile spin_fn = spin_op;

static volatile int stop;
static int started;
static pthread_mutex_t mutex = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cond = PTHREAD_COND_INITIALIZER;
static volatile long sink;

static void *
sleep_main (void *arg)
{
  (void) arg;
  __atomic_fetch_add (&started, 1, __ATOMIC_RELEASE);
  while (!stop)
    usleep (1000);
  return NULL;
}

static void *
blocked_main (void *arg)
{
  (void) arg;
  pthread_mutex_lock (&mutex);
  __atomic_fetch_add (&started, 1, __ATOMIC_RELEASE);
  while (!stop)
    pthread_cond_wait (&cond, &mutex);
  pthread_mutex_unlock (&mutex);
  return NULL;
}

static void *
spin_main (void *arg)
{
  (void) arg;
  long acc = 0;
  __atomic_fetch_add (&started, 1, __ATOMIC_RELEASE);
  while (!stop)
    acc = spin_fn (acc);
  sink = acc;
  return NULL;
}

int
main (int argc, char **argv)
{
  if (argc < 3)
    {
      fprintf (stderr,
	       "usage: %s sleep|blocked|spin NTHREADS [SAMPLES [BUDGET_S]]\n",
	       argv[0]);
      return 2;
    }
  const char *behaviour = argv[1];
  int nthreads = atoi (argv[2]);
  int samples = argc > 3 ? atoi (argv[3]) : 21;
  double budget = argc > 4 ? atof (argv[4]) : 10;
  void *(*body) (void *);
  if (!strcmp (behaviour, "sleep"))
    body = sleep_main;
  else if (!strcmp (behaviour, "blocked"))
    body = blocked_main;
  else if (!strcmp (behaviour, "spin"))
    body = spin_main;
  else
    {
      fprintf (stderr, "%s: unknown behaviour %s\n", argv[0], behaviour);
      return 2;
    }
  if (nthreads < 0 || samples < 1)
    {
      fprintf (stderr, "%s: bad NTHREADS or SAMPLES\n", argv[0]);
      return 2;
    }
  if (!dynpromote_enabled ())
    fprintf (stderr, "%s: note: the dynpromote runtime is off\n", argv[0]);

  pthread_t *threads = calloc ((size_t) nthreads + 1, sizeof *threads);
  double *lat = calloc ((size_t) samples, sizeof *lat);
  if (!threads || !lat)
    return 1;
  for (int i = 0; i < nthreads; i++)
    if (pthread_create (&threads[i], NULL, body, NULL) != 0)
      {
	fprintf (stderr, "%s: pthread_create failed at thread %d\n", argv[0],
		 i);
	return 1;
      }
  while (__atomic_load_n (&started, __ATOMIC_ACQUIRE) < nthreads)
    usleep (1000);
  usleep (100000);

  int done = 0, failed = 0;
  double begin = now ();
  while (done < samples)
    {
      double t0 = now ();
      int r = dynpromote_synchronize ();
      double t1 = now ();
      lat[done++] = (t1 - t0) * 1e6;
      failed += r != 0;
      if (done >= 3 && t1 - begin > budget)
	break;
      usleep (1000);
    }

  stop = 1;
  pthread_mutex_lock (&mutex);
  pthread_cond_broadcast (&cond);
  pthread_mutex_unlock (&mutex);
  for (int i = 0; i < nthreads; i++)
    pthread_join (threads[i], NULL);

  qsort (lat, (size_t) done, sizeof *lat, by_value);
  double median = done % 2 ? lat[done / 2]
			   : (lat[done / 2 - 1] + lat[done / 2]) / 2;
  printf ("%s %d calls=%d failed=%d median_us=%.0f min_us=%.0f max_us=%.0f\n",
	  behaviour, nthreads, done, failed, median, lat[0], lat[done - 1]);
  free (lat);
  free (threads);
  return 0;
}
