/* Purpose: no signal of the runtime is visible to the program.
   - At start every signal still has the disposition the program was
     started with (SIG_DFL or SIG_IGN): the runtime installed no handler.
   - Then, after start-up, the program installs a recording handler for
     every signal it can catch (real-time ones and SIGURG included), and
     three threads and main call through the site in phases (relearns
     and re-promotions while threads run, so grace periods have to find
     out where running threads are).  No handler may run (but SIGCHLD,
     once per child), and at the end sigaction still reports the
     program's handler for every signal.
   - Children exec'd meanwhile (grep on their own /proc/self/status)
     must have no signal pending: SigPnd and ShdPnd all zero.
   - The runtime has nothing to warn about (stderr).
   Every failed check is reported; the test fails if any did.  */
/* { dg-do run } */
/* { dg-set-env DYNPROMOTE_LEARN_PERIOD 1 } */
/* { dg-set-env DYNPROMOTE_DECIDE_SAMPLES 4 } */
/* { dg-set-env DYNPROMOTE_SAMPLE_PERIOD 1 } */
/* { dg-set-env DYNPROMOTE_MAX_TARGETS 1 } */
/* { dg-set-env DYNPROMOTE_TRUST_PREDICTOR 0 } */
/* { dg-set-env DYNPROMOTE_RELEARN_WINDOW 8 } */
/* { dg-set-env DYNPROMOTE_REPATCH_INTERVAL_MS 0 } */
/* { dg-set-env DYNPROMOTE_MAX_REPATCH 60000 } */
/* { dg-set-env DYNPROMOTE_RECHECK_MS 1 } */
/* { dg-run-timeout 60 } */

#include <pthread.h>
#include <signal.h>
#include "inv-test.h"

#define CHILDREN 20

static volatile int received[_NSIG];
static int installed[_NSIG];
static int failures;

#define EXPECT(cond, ...)						\
  do									\
    if (!(cond))							\
      {									\
	fprintf (stderr, __VA_ARGS__);					\
	fputc ('\n', stderr);						\
	failures++;							\
      }									\
  while (0)

static void
record (int sig, siginfo_t *info, void *uc)
{
  (void) info;
  (void) uc;
  __atomic_add_fetch (&received[sig], 1, __ATOMIC_RELAXED);
  /* A fault (or abort) must still end the program.  */
  if (sig == SIGSEGV || sig == SIGBUS || sig == SIGILL || sig == SIGFPE
      || sig == SIGTRAP || sig == SIGSYS || sig == SIGABRT)
    signal (sig, SIG_DFL);
}


/* A child execs grep on its own status; its pending sets must be 0.  */
static void
check_exec_pending (int k)
{
  static char *const argv[] = { "/bin/grep", "-E", "^(SigPnd|ShdPnd):",
				"/proc/self/status", NULL };
  char buf[512];
  int status = inv_exec_output (argv, buf, sizeof buf);
  EXPECT (status == 0, "exec'd child %d: wait status %#x", k, status);
  EXPECT (!strcmp (buf, "SigPnd:\t0000000000000000\n"
		   "ShdPnd:\t0000000000000000\n"),
	  "exec'd child %d has signals pending:\n%s", k, buf);
}

int
main (void)
{
  struct sigaction sa;
  for (int sig = 1; sig < _NSIG; sig++)
    if (sigaction (sig, NULL, &sa) == 0)
      EXPECT (sa.sa_handler == SIG_DFL || sa.sa_handler == SIG_IGN,
	      "signal %d has a handler the program did not install", sig);

  memset (&sa, 0, sizeof sa);
  sa.sa_sigaction = record;
  sa.sa_flags = SA_SIGINFO | SA_RESTART;
  sigemptyset (&sa.sa_mask);
  for (int sig = 1; sig < _NSIG; sig++)
    if (sig != SIGKILL && sig != SIGSTOP)
      installed[sig] = sigaction (sig, &sa, NULL) == 0;
  CHECK (installed[SIGURG] && installed[SIGRTMIN] && installed[SIGRTMAX]);

  pthread_t th[3];
  for (long t = 0; t < 3; t++)
    CHECK (pthread_create (&th[t], NULL, inv_caller, (void *) t) == 0);
  /* At least a second of it, and until relearns happened (or the hang
     guard runs out).  */
  double start = inv_now ();
  for (int k = 0;; k++)
    {
      inv_clock_ms (50);
      if (k < CHILDREN)
	check_exec_pending (k);
      struct dynpromote_counters c = inv_counters ();
      if (k >= CHILDREN && inv_now () > start + 1
	  && (c.relearns >= 3 || inv_now () > start + INV_HANG_SECONDS))
	break;
    }
  inv_stop = 1;
  for (int t = 0; t < 3; t++)
    CHECK (pthread_join (th[t], NULL) == 0);

  for (int sig = 1; sig < _NSIG; sig++)
    {
      if (!installed[sig])
	continue;
      int max = sig == SIGCHLD ? CHILDREN : 0;
      EXPECT (received[sig] <= max, "signal %d reached the program's"
	      " handler %d times", sig, received[sig]);
      EXPECT (sigaction (sig, NULL, &sa) == 0
	      && (sa.sa_flags & SA_SIGINFO) && sa.sa_sigaction == record,
	      "signal %d no longer has the program's handler", sig);
    }
  struct dynpromote_counters c = inv_counters ();
  /* The site relearnt while the threads ran (a site that the phase
     boundaries made megamorphic is rechecked only when the runtime next
     runs: with this one site, maybe never).  */
  EXPECT (c.relearns >= 1, "only %llu relearns", c.relearns);
  printf ("%d failed checks; promotions=%llu relearns=%llu"
	  " grace_periods=%llu\n", failures, c.promotions, c.relearns,
	  c.grace_periods);
  return failures != 0;
}

/* { dg-output "0 failed checks" } */
/* { dg-final { scan-stderr-not {dynpromote: warning} } } */
