/* Purpose: a signal handler runs the VM (vm_run, through the very jump
   sites the interrupted code is using) while the main thread is in the
   middle of its own dispatch loop, possibly inside a jump site's stub
   and the runtime's sampling path (period 1): a helper thread sends
   2000 signals one at a time, each time waiting until the handler ran,
   half of them delivered on an alternate signal stack.  Every result
   of both is checked (vm_check aborts on a wrong one).  Retpoline
   build.  */
/* { dg-do run } */
/* { dg-options "-mindirect-branch=thunk -mindirect-branch-register" } */
/* { dg-set-env DYNPROMOTE_SAMPLE_PERIOD 1 } */

#include <pthread.h>
#include <signal.h>
#include <sched.h>
#include "vm.h"

#define SIGNALS 2000

static volatile sig_atomic_t handled, done;
static pthread_t main_thread;

static void
on_signal (int sig)
{
  (void) sig;
  vm_check (handled % 2, handled, 20 + handled % 7);
  handled++;
}

static void *
sender (void *arg)
{
  (void) arg;
  for (int i = 0; i < SIGNALS; i++)
    {
      int before = handled;
      CHECK (pthread_kill (main_thread, i % 2 ? SIGUSR1 : SIGUSR2) == 0);
      while (handled == before)
	sched_yield ();
    }
  done = 1;
  return NULL;
}

int
main (void)
{
  static char altstack[65536];
  stack_t ss = { .ss_sp = altstack, .ss_size = sizeof altstack };
  CHECK (sigaltstack (&ss, NULL) == 0);
  struct sigaction sa;
  memset (&sa, 0, sizeof sa);
  sa.sa_handler = on_signal;
  CHECK (sigaction (SIGUSR1, &sa, NULL) == 0);
  sa.sa_flags = SA_ONSTACK;
  CHECK (sigaction (SIGUSR2, &sa, NULL) == 0);

  main_thread = pthread_self ();
  pthread_t th;
  CHECK (pthread_create (&th, NULL, sender, NULL) == 0);
  long runs = 0;
  while (!done)
    vm_check (runs++ % 2, runs, 200);
  CHECK (pthread_join (th, NULL) == 0);
  printf ("signals ok: %d handled, %ld runs\n", (int) handled, runs);
  CHECK (handled == SIGNALS);
  return 0;
}

/* { dg-output "signals ok: 2000 handled" } */
/* { dg-final { scan-stats {^site [^\n]* func=vm_run kind=jump } } } */
