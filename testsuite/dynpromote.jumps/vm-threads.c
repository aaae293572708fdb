/* Purpose: four threads run the same dispatch loop (vm.h's vm_run, its
   jump sites shared) at once, each its own programs (the two programs,
   in an order and with seeds and lengths of its own), while the sites
   are sampled, promoted and, as the threads' mixes change, learn
   again: every result of every thread is checked against vm_ref and
   the C formula, and each thread's checksum against one computed in C
   after the join.  Retpoline build.  Mutation: with
   -fplugin-arg-dynpromote-no-jumps there is no jump site (the
   kind=jump scan fails); the results stay right.  */
/* { dg-do run } */
/* { dg-options "-mindirect-branch=thunk -mindirect-branch-register" } */
/* { dg-set-env DYNPROMOTE_SAMPLE_PERIOD 2 } */

#include <pthread.h>
#include "vm.h"

#define THREADS 4
#define RUNS 400

struct job
{
  long id;
  vm_word sum;
};

static int
job_program (long id, long r)
{
  return (int) ((r / (20 + 10 * id) + id) % 2);
}

static void *
worker (void *arg)
{
  struct job *job = (struct job *) arg;
  for (long r = 0; r < RUNS; r++)
    job->sum += vm_check (job_program (job->id, r), job->id * 100000 + r,
			  500 + 37 * job->id + r % 11);
  return NULL;
}

int
main (void)
{
  pthread_t th[THREADS];
  struct job jobs[THREADS];
  for (long t = 0; t < THREADS; t++)
    {
      jobs[t].id = t;
      jobs[t].sum = 0;
      CHECK (pthread_create (&th[t], NULL, worker, &jobs[t]) == 0);
    }
  for (int t = 0; t < THREADS; t++)
    CHECK (pthread_join (th[t], NULL) == 0);
  for (long t = 0; t < THREADS; t++)
    {
      vm_word sum = 0;
      for (long r = 0; r < RUNS; r++)
	sum += vm_formula (job_program (t, r), t * 100000 + r,
			   500 + 37 * t + r % 11);
      printf ("thread %ld: %#lx\n", t, jobs[t].sum);
      CHECK (jobs[t].sum == sum);
    }
  puts ("threads ok");
  return 0;
}

/* { dg-output "threads ok" } */
/* { dg-final { scan-stats {^site [^\n]* func=vm_run kind=jump state=promoted } } } */
