/* trace-prog.h - the program of the strace and ltrace tests: promoted
   calls in one thread, then in two, then in a forked child and its
   parent at once, every result checked.

   Two rewritten sites, a call (tr_site) and a sibcall at -O2 (tr_tail),
   are driven through TR_PHASES phases of TR_CALLS calls, each phase with
   other targets, so that they are promoted, relearn and are promoted
   again (with the fast settings of the tests' headers):

   1. main alone (a single-threaded process: grace periods end in the
      pass that starts them, no signal);
   2. main and a second thread at once (multi-threaded: grace periods
      with /proc reads by the runtime's helper task, probe signals);
   3. after a fork, the child and the parent at once (the child's code
      pages are private copies; each promotes on its own).

   Every part prints "NAME wrong=0 sum=S", where S is a checksum of its
   results: the same in every run and every build, plain or not (parts
   with the same rotation have the same sum).  The child's exit status
   says whether it saw a wrong result; the parent
   prints "child status=0" and "promoted=1" once the promoter has
   promoted something.  */

#ifndef TRACE_PROG_H
#define TRACE_PROG_H

#include <pthread.h>
#include <sys/wait.h>
#include "dp-test.h"

#define TR_PHASES 9
#define TR_CALLS 2000L

typedef long (*tr_fn) (long);

NOIPA long tr_inc (long x) { return x + 1; }
NOIPA long tr_dbl (long x) { return 2 * x; }
NOIPA long tr_neg (long x) { return -x; }
static tr_fn const tr_fns[3] = { tr_inc, tr_dbl, tr_neg };

static long
tr_expect (int k, long x)
{
  return k == 0 ? x + 1 : k == 1 ? 2 * x : -x;
}

/* The asm keeps this one a call (not a sibcall) at -O2.  */
NOIPA long
tr_site (tr_fn f, long x)
{
  long r = f (x);
  __asm__ ("" : "+r" (r));
  return r;
}

NOIPA long tr_tail (tr_fn f, long x) { return f (x); }

struct tr_result
{
  int shift;
  long sum, wrong;
};

/* One part: its phases, targets rotated by SHIFT.  */
static void
tr_part (struct tr_result *res)
{
  res->sum = res->wrong = 0;
  for (int phase = 0; phase < TR_PHASES; phase++)
    {
      int k = (phase + res->shift) % 3, k2 = (k + 1) % 3;
      for (long x = 0; x < TR_CALLS; x++)
	{
	  long r1 = tr_site (HIDE (tr_fns[k]), x);
	  long r2 = tr_tail (HIDE (tr_fns[k2]), x);
	  res->wrong += (r1 != tr_expect (k, x)) + (r2 != tr_expect (k2, x));
	  res->sum += (phase + 1) * (r1 + 3 * r2);
	}
    }
}

static void *
tr_thread (void *arg)
{
  tr_part ((struct tr_result *) arg);
  return NULL;
}

static void
tr_print (const char *name, const struct tr_result *res)
{
  printf ("%s wrong=%ld sum=%ld\n", name, res->wrong, res->sum);
  fflush (stdout);
}

static int
tr_main (void)
{
  struct tr_result alone = { 0, 0, 0 }, mine = { 1, 0, 0 };
  struct tr_result other = { 2, 0, 0 };
  pthread_t t;

  tr_part (&alone);
  tr_print ("alone", &alone);

  CHECK (pthread_create (&t, NULL, tr_thread, &other) == 0);
  tr_part (&mine);
  CHECK (pthread_join (t, NULL) == 0);
  tr_print ("main", &mine);
  tr_print ("thread", &other);

  pid_t pid = fork ();
  CHECK (pid >= 0);
  if (pid == 0)
    {
      struct tr_result child = { 1, 0, 0 };
      tr_part (&child);
      tr_print ("child", &child);
      exit (child.wrong != 0);	/* and its statistics dump */
    }
  struct tr_result parent = { 2, 0, 0 };
  tr_part (&parent);
  tr_print ("parent", &parent);
  int status;
  CHECK (waitpid (pid, &status, 0) == pid);
  printf ("child status=%d\n", WIFEXITED (status) ? WEXITSTATUS (status)
			      : 128 + WTERMSIG (status));
  struct dynpromote_counters c;
  CHECK (dynpromote_get_counters (&c) == 0);
  printf ("promoted=%d\n", c.promotions > 0);
  CHECK (alone.wrong + mine.wrong + other.wrong + parent.wrong == 0);
  CHECK (WIFEXITED (status) && WEXITSTATUS (status) == 0);
  return 0;
}

#endif /* TRACE_PROG_H */
