/* Purpose: a signal handler makes rewritten calls (through its own site
   and through the very site the main loop uses) while the interrupted
   code is itself inside rewritten calls and the runtime's sampling path
   (period 1).  A helper thread sends 2000 signals one at a time, each
   time waiting until the handler ran; half of them run on an alternate
   signal stack.  */
/* { dg-do run } */
/* Promotion is the precondition here; without retpolines a
   monomorphic site would be left to the predictor.  */
/* { dg-set-env DYNPROMOTE_TRUST_PREDICTOR 0 } */
/* { dg-set-env DYNPROMOTE_SAMPLE_PERIOD 1 } */

#include <pthread.h>
#include <signal.h>
#include <sched.h>
#include "dp-test.h"

#define SIGNALS 2000

typedef long (*fn) (long);
static volatile long sink;
static volatile sig_atomic_t handled, bad, done;
static pthread_t main_thread;

NOIPA long inc (long x) { return x + 1; }
NOIPA long dbl (long x) { return 2 * x; }
NOIPA long shared_site (fn f, long x) { long r = f (x); sink = r; return r; }
NOIPA long handler_site (fn f, long x) { long r = f (x); sink = r; return r; }

static void
handler (int sig)
{
  (void) sig;
  long h = handled;
  if (handler_site (HIDE (dbl), h) != 2 * h)
    bad = 1;
  if (shared_site (HIDE (inc), h) != h + 1)
    bad = 1;
  handled = h + 1;
}

static void *
sender (void *arg)
{
  (void) arg;
  for (int i = 0; i < SIGNALS; i++)
    {
      int sig = (i & 1) ? SIGUSR1 : SIGUSR2;
      if (pthread_kill (main_thread, sig) != 0)
	abort ();
      while (handled <= i)
	sched_yield ();
    }
  done = 1;
  return NULL;
}

int
main (void)
{
  static char altstack[64 * 1024];
  stack_t ss = { .ss_sp = altstack, .ss_size = sizeof altstack };
  CHECK (sigaltstack (&ss, NULL) == 0);

  struct sigaction sa;
  memset (&sa, 0, sizeof sa);
  sa.sa_handler = handler;
  sigemptyset (&sa.sa_mask);
  CHECK (sigaction (SIGUSR1, &sa, NULL) == 0);
  sa.sa_flags = SA_ONSTACK;
  CHECK (sigaction (SIGUSR2, &sa, NULL) == 0);

  main_thread = pthread_self ();
  pthread_t th;
  CHECK (pthread_create (&th, NULL, sender, NULL) == 0);
  long loops = 0;
  while (!done)
    {
      if (shared_site (HIDE (inc), loops) != loops + 1)
	abort ();
      loops++;
    }
  CHECK (pthread_join (th, NULL) == 0);
  CHECK (handled == SIGNALS);
  CHECK (!bad);
  puts ("signals ok");
  return 0;
}

/* { dg-output "signals ok" } */
/* { dg-final { scan-stats {^site [^\n]* func=handler_site kind=call [^\n]*calls=2000 } } } */
/* { dg-final { scan-stats {^  target [^\n]* sym=dbl } } } */
