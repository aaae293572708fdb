/* threads-prog.h - the multi-threaded program of the sanitizer tests
   (tsan-*.c, asan-*.c, ubsan-*.c, built with -fsanitize=...) and of
   gdb-threads.c: SAN_THREADS threads and main call through three rewritten sites whose
   targets are promoted, relearned and promoted again, in phases that a
   pthread barrier separates; every result is checked, and main prints
   "wrong=N" (0) and "calls=N" (the calls the callees counted).

   site_phase  every thread calls the phase's function, a new one each
               phase: relearns, retired trampolines, grace periods (with
               probe signals: the threads are running);
   site_own    each thread its own function: four targets promoted
               together;
   site_tail   a sibcall at -O2 (a call at -O0), 80/20 between two
               functions.

   The callees count their calls in a shared table with atomic adds and
   read the phase's input, a plain variable that main writes between two
   barrier waits: ThreadSanitizer must see those accesses as ordered, as
   it would in a plain build.

   SAN_BUG, set by a twin, makes the phase function of the last phase
   commit, in the last SAN_BUG_CALLS calls of each thread (the site has
   been promoted again by then), the bug its sanitizer must report:
   SAN_BUG_RACE  a plain read-modify-write of one variable, from every
                 thread;
   SAN_BUG_HEAP  a read one element past a malloc'd array;
   SAN_BUG_SIGNED  a signed overflow.

   Run with the fast learning settings of the tests' headers.  */

#ifndef THREADS_PROG_H
#define THREADS_PROG_H

#include <limits.h>
#include <pthread.h>
#include "dp-test.h"

#define SAN_THREADS 4
#define SAN_PHASES 6
#define SAN_CALLS 20000L
#define SAN_BUG_CALLS 500L

#define SAN_BUG_RACE 1
#define SAN_BUG_HEAP 2
#define SAN_BUG_SIGNED 3
#ifndef SAN_BUG
# define SAN_BUG 0
#endif

typedef long (*san_fn) (long);

static long san_hits[16];          /* atomic adds only */
static long san_input;             /* main writes it between phases */
static __thread int san_buggy;     /* 1 in the calls that commit the bug */
static __thread volatile long san_sink;
static long san_racy;              /* SAN_BUG_RACE */
static long *san_heap;             /* SAN_BUG_HEAP: 8 elements */

#define SAN_COUNT(i) __atomic_fetch_add (&san_hits[i], 1, __ATOMIC_RELAXED)

/* Phase functions.  */
NOIPA long ph0 (long x) { SAN_COUNT (0); return x + san_input; }
NOIPA long ph1 (long x) { SAN_COUNT (1); return 2 * x + san_input; }
NOIPA long ph2 (long x) { SAN_COUNT (2); return 3 * x + san_input; }

/* The last phase's function, where a twin's bug is.  */
NOIPA long
ph_last (long x)
{
  SAN_COUNT (3);
  long r = 5 * x + san_input;
#if SAN_BUG == SAN_BUG_RACE
  if (san_buggy)
    san_racy += x;
#elif SAN_BUG == SAN_BUG_HEAP
  if (san_buggy)
    r += san_heap[8] == 12345;
#elif SAN_BUG == SAN_BUG_SIGNED
  if (san_buggy)
    {
      long big = LONG_MAX - (x & 1);
      big += x + 2;
      san_sink = big;
    }
#endif
  return r;
}

static san_fn const san_phase_fns[SAN_PHASES]
  = { ph0, ph1, ph2, ph0, ph1, ph_last };
static const long san_phase_mul[SAN_PHASES] = { 1, 2, 3, 1, 2, 5 };

/* One function per thread.  */
NOIPA long own0 (long x) { SAN_COUNT (4); return x ^ 0x10; }
NOIPA long own1 (long x) { SAN_COUNT (5); return x ^ 0x20; }
NOIPA long own2 (long x) { SAN_COUNT (6); return x ^ 0x40; }
NOIPA long own3 (long x) { SAN_COUNT (7); return x ^ 0x80; }
static san_fn const san_own_fns[SAN_THREADS] = { own0, own1, own2, own3 };

/* The 80/20 pair of the sibcall site.  */
NOIPA long tail_a (long x) { SAN_COUNT (8); return x - 7; }
NOIPA long tail_b (long x) { SAN_COUNT (9); return x + 7; }

/* The asm keeps the first two calls (not sibcalls) at -O2.  */
NOIPA long
site_phase (san_fn f, long x)
{
  long r = f (x);
  __asm__ ("" : "+r" (r));
  return r;
}

NOIPA long
site_own (san_fn f, long x)
{
  long r = f (x);
  __asm__ ("" : "+r" (r));
  return r;
}

NOIPA long site_tail (san_fn f, long x) { return f (x); }

static pthread_barrier_t san_start, san_end;
static long san_wrong[SAN_THREADS];

static long
san_run_phase (int id, int phase, long input)
{
  static const int shares[2] = { 80, 20 };
  long wrong = 0;
  for (long i = 0; i < SAN_CALLS; i++)
    {
      long x = i + id * 1000003L;
      if (SAN_BUG && phase == SAN_PHASES - 1 && i == SAN_CALLS - SAN_BUG_CALLS)
	san_buggy = 1;
      if (site_phase (HIDE (san_phase_fns[phase]), x)
	  != san_phase_mul[phase] * x + input)
	wrong++;
      if (site_own (HIDE (san_own_fns[id]), x) != (x ^ (0x10L << id)))
	wrong++;
      int k = dp_pick_share (i, shares, 2);
      if (site_tail (HIDE (k ? tail_b : tail_a), x) != (k ? x + 7 : x - 7))
	wrong++;
    }
  return wrong;
}

static void *
san_worker (void *arg)
{
  int id = (int) (long) arg;
  long wrong = 0;
  for (int phase = 0; phase < SAN_PHASES; phase++)
    {
      pthread_barrier_wait (&san_start);
      long input = san_input;	/* ordered by the barrier */
      wrong += san_run_phase (id, phase, input);
      pthread_barrier_wait (&san_end);
    }
  san_wrong[id] = wrong;
  return NULL;
}

static int
san_main (void)
{
  pthread_t t[SAN_THREADS];
  san_heap = (long *) malloc (8 * sizeof *san_heap);
  CHECK (san_heap != NULL);
  for (int i = 0; i < 8; i++)
    san_heap[i] = i;
  CHECK (pthread_barrier_init (&san_start, NULL, SAN_THREADS + 1) == 0);
  CHECK (pthread_barrier_init (&san_end, NULL, SAN_THREADS + 1) == 0);
  for (long i = 0; i < SAN_THREADS; i++)
    CHECK (pthread_create (&t[i], NULL, san_worker, (void *) i) == 0);
  for (int phase = 0; phase < SAN_PHASES; phase++)
    {
      san_input = 1000 * (phase + 1);	/* no worker runs a phase now */
      pthread_barrier_wait (&san_start);
      pthread_barrier_wait (&san_end);
    }
  long wrong = 0;
  for (int i = 0; i < SAN_THREADS; i++)
    {
      CHECK (pthread_join (t[i], NULL) == 0);
      wrong += san_wrong[i];
    }
  long calls = 0;
  for (int i = 0; i < 16; i++)
    calls += __atomic_load_n (&san_hits[i], __ATOMIC_RELAXED);
  printf ("wrong=%ld\ncalls=%ld\n", wrong, calls);
  CHECK (wrong == 0);
  CHECK (calls == 3L * SAN_THREADS * SAN_PHASES * SAN_CALLS);
  struct dynpromote_counters c;
  CHECK (dynpromote_get_counters (&c) == 0);
  printf ("promoted=%d\n", c.promotions > 0);
  free (san_heap);
  return 0;
}

#endif /* THREADS_PROG_H */
