/* Purpose: the twin of single-threaded.c, showing that its checks see a
   thread: the same program, promoted and relearning, but it starts (and
   joins) one thread of its own halfway, after which
   __libc_single_threaded must read 0 for good.  A runtime that started a
   thread of its own (as the promoter thread once did) would make
   single-threaded.c fail the same way at "start".  */
/* { dg-do run } */
/* { dg-options "-pthread" } */
/* { dg-set-env DYNPROMOTE_LEARN_PERIOD 1 } */
/* { dg-set-env DYNPROMOTE_DECIDE_SAMPLES 4 } */
/* { dg-set-env DYNPROMOTE_SAMPLE_PERIOD 1 } */
/* { dg-set-env DYNPROMOTE_MAX_TARGETS 1 } */
/* { dg-set-env DYNPROMOTE_TRUST_PREDICTOR 0 } */

#include <pthread.h>
#include <sys/single_threaded.h>
#include "inv-test.h"

static void *
idle (void *arg)
{
  return arg;
}

int
main (void)
{
  CHECK (__libc_single_threaded == 1 && inv_threads () == 1);
  inv_run_until (1, 0);
  CHECK (__libc_single_threaded == 1);
  pthread_t t;
  CHECK (pthread_create (&t, NULL, idle, NULL) == 0);
  CHECK (pthread_join (t, NULL) == 0);
  inv_run_until (1, 1);   /* promoted work goes on: a relearn */
  /* glibc never goes back to single-threaded once a thread existed.  */
  CHECK (__libc_single_threaded == 0);
  puts ("the program's own thread is seen");
  return 0;
}

/* { dg-output "the program's own thread is seen" } */
