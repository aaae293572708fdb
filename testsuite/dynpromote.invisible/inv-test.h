/* inv-test.h - helpers of the dynpromote.invisible tests: the runtime
   must be invisible to the program (no thread, no signal, no descriptor
   the program could be given, settings fixed at start-up).

   Every test drives one rewritten site, inv_site, through "phases": in
   phase p every call goes to target p % 3, so with the fast settings
   below (one target per promotion) a phase change makes a promoted site
   miss, learn again and be promoted anew: relearns, retired trampolines,
   grace periods.

   inv_phase (p, n)      n checked calls through inv_site in phase p.
   inv_phase_ms (p, ms)  checked calls in phase p for ms milliseconds
                         (phases long enough for the runtime to act
                         within them, whenever it acts).
   inv_clock_ms (ms)     checked calls for ms milliseconds in the phase of
                         the moment (a new one every 4 ms, the same in
                         every thread, so threads agree on the target).
   inv_counters ()       the promoter's totals (dynpromote_get_counters).
   inv_run_until (promotions, relearns)
                         calls of phase 0 (then, if relearns are asked
                         for, phases of 2 ms one after the other, so the
                         site keeps missing) until the totals reach both;
                         aborts after INV_HANG_SECONDS (a guard against a
                         hang, not a speed requirement).
   inv_threads ()        "Threads:" of /proc/self/status.
   inv_wait_child (pid, seconds, what)
                         the wait status of child pid, polled (WNOHANG)
                         for at most seconds; -1, with a message naming
                         what, if it has not ended by then (it is then
                         killed and reaped).

   The fast settings, for a test's header:
   { dg-set-env DYNPROMOTE_LEARN_PERIOD 1 }
   { dg-set-env DYNPROMOTE_DECIDE_SAMPLES 4 }
   { dg-set-env DYNPROMOTE_SAMPLE_PERIOD 1 }
   { dg-set-env DYNPROMOTE_MAX_TARGETS 1 }
   { dg-set-env DYNPROMOTE_TRUST_PREDICTOR 0 }
   { dg-set-env DYNPROMOTE_RELEARN_WINDOW 8 }
   { dg-set-env DYNPROMOTE_REPATCH_INTERVAL_MS 0 }
   { dg-set-env DYNPROMOTE_MAX_REPATCH 60000 }
   { dg-set-env DYNPROMOTE_RECHECK_MS 1 }  */

#ifndef INV_TEST_H
#define INV_TEST_H

#include <signal.h>
#include <sys/wait.h>
#include <time.h>
#include "dp-test.h"

#define INV_HANG_SECONDS 10

typedef long (*inv_fn) (long);

NOIPA static long inv_inc (long x) { return x + 1; }
NOIPA static long inv_dbl (long x) { return 2 * x; }
NOIPA static long inv_neg (long x) { return -x; }
NOIPA long inv_site (inv_fn f, long x) { return f (x); }

static inv_fn const inv_targets[3] = { inv_inc, inv_dbl, inv_neg };

static inline long
inv_expect (int k, long x)
{
  return k == 0 ? x + 1 : k == 1 ? 2 * x : -x;
}

static inline void
inv_phase (long phase, long n)
{
  int k = (int) (phase % 3);
  for (long i = 0; i < n; i++)
    CHECK (inv_site (HIDE (inv_targets[k]), i) == inv_expect (k, i));
}

static inline double
inv_now (void)
{
  struct timespec ts;
  clock_gettime (CLOCK_MONOTONIC, &ts);
  return (double) ts.tv_sec + (double) ts.tv_nsec * 1e-9;
}

static inline void
inv_phase_ms (long phase, int ms)
{
  double end = inv_now () + ms * 1e-3;
  do
    inv_phase (phase, 1000);
  while (inv_now () < end);
}

static inline void
inv_clock_ms (int ms)
{
  double end = inv_now () + ms * 1e-3;
  do
    inv_phase ((long) (inv_now () * 250), 1000);
  while (inv_now () < end);
}

static inline struct dynpromote_counters
inv_counters (void)
{
  struct dynpromote_counters c;
  CHECK (dynpromote_get_counters (&c) == 0);
  return c;
}

static inline long
inv_run_until (unsigned long long promotions, unsigned long long relearns)
{
  double deadline = inv_now () + INV_HANG_SECONDS;
  long phase = 0;
  for (;;)
    {
      struct dynpromote_counters c = inv_counters ();
      if (c.promotions >= promotions && c.relearns >= relearns)
        return phase;
      if (inv_now () > deadline)
        {
          fprintf (stderr, "the runtime did not act: promotions=%llu"
                   " relearns=%llu after %ld phases\n", c.promotions, c.relearns, phase);
          abort ();
        }
      if (relearns)
        inv_phase_ms (phase++, 2);
      else
        inv_phase (phase, 1000);
    }
}

static inline int
inv_threads (void)
{
  char *s = dp_read_file ("/proc/self/status");
  CHECK (s != NULL);
  const char *p = strstr (s, "\nThreads:");
  CHECK (p != NULL);
  int n = atoi (p + 9);
  free (s);
  return n;
}

static inline int
inv_wait_child (pid_t pid, int seconds, const char *what)
{
  double deadline = inv_now () + seconds;
  long pause_ns = 20000;
  int status;
  pid_t r;
  while ((r = waitpid (pid, &status, WNOHANG)) == 0)
    {
      if (inv_now () > deadline)
        {
          fprintf (stderr, "%s: still running after %d s; killed\n", what,
                   seconds);
          kill (pid, SIGKILL);
          CHECK (waitpid (pid, &status, 0) == pid);
          return -1;
        }
      struct timespec ts = { 0, pause_ns };
      nanosleep (&ts, NULL);
      if (pause_ns < 5000000)
        pause_ns *= 2;
    }
  CHECK (r == pid);
  return status;
}

#endif /* INV_TEST_H */
