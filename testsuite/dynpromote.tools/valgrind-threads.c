/* Purpose: a multi-threaded dynpromote build under valgrind's default
   mode.  Two threads call through one site that changes target in
   phases while a third spins; every result is checked, and memcheck
   reports nothing in the runtime (its probe handler and grace periods
   read other stacks with process_vm_readv, whose results memcheck knows
   to be defined).  Under valgrind the runtime cannot see other threads
   (/proc shows valgrind's own registers), so its grace periods do not
   end there: trampolines are not reused, which is correct.  */
/* { dg-do run } */
/* Promotion is the precondition here; without retpolines a
   monomorphic or uniform site would be left to the predictor.  */
/* { dg-set-env DYNPROMOTE_TRUST_PREDICTOR 0 } */
/* { dg-options "-pthread" } */
/* { dg-run-under valgrind -q --error-exitcode=99 } */
/* { dg-set-env DYNPROMOTE_LEARN_PERIOD 1 } */
/* { dg-set-env DYNPROMOTE_DECIDE_SAMPLES 16 } */
/* { dg-set-env DYNPROMOTE_SAMPLE_PERIOD 8 } */
/* { dg-set-env DYNPROMOTE_RELEARN_WINDOW 16 } */
/* { dg-set-env DYNPROMOTE_REPATCH_INTERVAL_MS 0 } */
/* { dg-set-env DYNPROMOTE_MAX_REPATCH 1000 } */
/* { dg-run-timeout 300 } */

#include <pthread.h>
#include <sched.h>
#include "dp-test.h"

typedef long (*fn) (long);
NOIPA long f0 (long x) { return 3 * x; }
NOIPA long f1 (long x) { return 3 * x + 1; }
NOIPA long f2 (long x) { return 3 * x + 2; }
static fn const targets[3] = { f0, f1, f2 };

NOIPA long site (fn f, long x) { return f (x) + 1; }

static volatile int stop;
static long wrong[2];

static void *
caller (void *arg)
{
  long id = (long) arg;
  for (int phase = 0; phase < 8; phase++)
    for (long i = 0; i < 10000; i++)
      {
	int k = (phase + (int) id) % 3;
	if (site (HIDE (targets[k]), i) != 3 * i + k + 1)
	  wrong[id]++;
      }
  return NULL;
}

static void *
spinner (void *arg)
{
  (void) arg;
  while (!stop)
    sched_yield ();
  return NULL;
}

int
main (void)
{
  pthread_t c[2], s;
  CHECK (pthread_create (&s, NULL, spinner, NULL) == 0);
  for (long t = 0; t < 2; t++)
    CHECK (pthread_create (&c[t], NULL, caller, (void *) t) == 0);
  for (int t = 0; t < 2; t++)
    CHECK (pthread_join (c[t], NULL) == 0);
  stop = 1;
  CHECK (pthread_join (s, NULL) == 0);
  printf ("wrong=%ld\n", wrong[0] + wrong[1]);
  CHECK (wrong[0] + wrong[1] == 0);
  return 0;
}

/* { dg-final { scan-stats {^promoter promotions=([2-9]|[1-9][0-9]+) relearns=[1-9]} } } */
/* { dg-final { scan-stdout {^wrong=0$} } } */
