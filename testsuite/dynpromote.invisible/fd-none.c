/* Purpose: the runtime holds no descriptor where the program allocates,
   and none crosses execve.  The program first re-executes itself with
   every descriptor above 2 closed, so that any other descriptor it sees
   is the runtime's.  Then, while it and a second thread call through
   the site as it changes phase (relearns, re-promotions), the main
   thread lists /proc/self/fd again and again: below 64
   (where a program's own descriptors go) there must be nothing but 0, 1,
   2 and the listing's own directory; a runtime may keep a descriptor
   only far above, out of the program's way.  And now and then a child
   execs "ls /proc/self/fd", which must list exactly 0, 1, 2 and its own
   directory (3): nothing the runtime had, at whatever height, crossed
   the exec.  */
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

#include <dirent.h>
#include <pthread.h>
#include <linux/close_range.h>
#include <sys/syscall.h>
#include "inv-test.h"

#define SCANS 20000
#define EXECS 50
#define LOW 64



/* Abort if a descriptor other than 0, 1, 2 (and the listing's) is
   below LOW; WHEN says where.  */
static void
scan_fds (const char *when, long round)
{
  DIR *d = opendir ("/proc/self/fd");
  CHECK (d != NULL);
  struct dirent *e;
  while ((e = readdir (d)))
    {
      int fd = atoi (e->d_name);
      if (e->d_name[0] == '.' || fd <= 2 || fd == dirfd (d) || fd >= LOW)
	continue;
      char target[256] = "?";
      char link[64];
      snprintf (link, sizeof link, "/proc/self/fd/%d", fd);
      ssize_t n = readlink (link, target, sizeof target - 1);
      target[n > 0 ? n : 1] = 0;
      fprintf (stderr, "%s %ld: fd %d (%s) is open, not the program's\n",
	       when, round, fd, target);
      abort ();
    }
  closedir (d);
}

/* A child runs ls /proc/self/fd; it must list 0 1 2 3.  */
static void
exec_listing (long round)
{
  static char *const argv[] = { "/bin/ls", "/proc/self/fd", NULL };
  char buf[4096];
  CHECK (inv_exec_output (argv, buf, sizeof buf) == 0);
  if (strcmp (buf, "0\n1\n2\n3\n") != 0)
    {
      fprintf (stderr, "exec %ld: the exec'd ls /proc/self/fd lists:\n%s",
	       round, buf);
      abort ();
    }
}

int
main (int argc, char **argv)
{
  (void) argc;
  if (!getenv ("INV_FD_CLEAN"))
    {
      CHECK (syscall (SYS_close_range, 3, ~0u, 0) == 0);
      CHECK (setenv ("INV_FD_CLEAN", "1", 1) == 0);
      execv ("/proc/self/exe", argv);
      CHECK (!"execv");
    }
  scan_fds ("start", 0);

  inv_run_until (1, 1);
  scan_fds ("promoted", 0);
  pthread_t th;
  CHECK (pthread_create (&th, NULL, inv_caller, NULL) == 0);
  for (long round = 0; round < SCANS; round++)
    {
      inv_phase ((long) (inv_now () * 250), 100);
      scan_fds ("scan", round);
      if (round % (SCANS / EXECS) == 0)
	exec_listing (round);
    }
  inv_stop = 1;
  CHECK (pthread_join (th, NULL) == 0);

  struct dynpromote_counters c = inv_counters ();
  printf ("%d scans and %d execs ok; promotions=%llu relearns=%llu\n",
	  SCANS, EXECS, c.promotions, c.relearns);
  return 0;
}

/* { dg-output "20000 scans and 50 execs ok" } */
/* { dg-final { scan-stats {^promoter promotions=[1-9][0-9]* relearns=[1-9]} } } */
