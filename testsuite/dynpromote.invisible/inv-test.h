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
   inv_caller            a thread start routine: inv_clock_ms until
                         inv_stop is set.
   inv_exec_output (argv, buf, size)
                         fork and exec argv[0] with standard output into
                         buf (NUL-terminated); the child's wait status.
   inv_watch_exit (pid, ending_fd, what)
                         the parent's side of a pthread_exit test: wait
                         for the child to say it is about to exit (a byte
                         on ending_fd), then for it to end within 5 s
                         with status 0; _exit (0) and "ended with status
                         0" on stdout if so, _exit (1) otherwise.

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

#include <poll.h>
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

static volatile int inv_stop;

static void *
inv_caller (void *arg)
{
  (void) arg;
  while (!inv_stop)
    inv_clock_ms (2);
  return NULL;
}

static inline int
inv_exec_output (char *const argv[], char *buf, size_t size)
{
  int p[2];
  CHECK (pipe (p) == 0);
  pid_t pid = fork ();
  CHECK (pid >= 0);
  if (pid == 0)
    {
      dup2 (p[1], 1);
      close (p[0]);
      close (p[1]);
      execv (argv[0], argv);
      _exit (127);
    }
  close (p[1]);
  size_t len = 0;
  ssize_t n;
  while (len < size - 1 && (n = read (p[0], buf + len, size - 1 - len)) > 0)
    len += (size_t) n;
  buf[len] = 0;
  close (p[0]);
  return inv_wait_child (pid, 10, argv[0]);
}

/* _exit rather than exit: the watcher's own dump must leave the
   child's alone.  */
static inline void
inv_watch_exit (pid_t pid, int ending_fd, const char *what)
{
  struct pollfd p = { ending_fd, POLLIN, 0 };
  CHECK (poll (&p, 1, (INV_HANG_SECONDS + 10) * 1000) == 1);
  int status = inv_wait_child (pid, 5, what);
  if (status == -1)
    _exit (1);
  if (!WIFEXITED (status) || WEXITSTATUS (status) != 0)
    {
      fprintf (stderr, "child ended with status %#x\n", status);
      _exit (1);
    }
  puts ("ended with status 0");
  fflush (stdout);
  _exit (0);
}

#endif /* INV_TEST_H */
