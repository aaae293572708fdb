/* Purpose: a forked child has a pid, so a perf map, of its own: with
   DYNPROMOTE_PERF_MAP=1, the child's /tmp/perf-PID.map exists as soon
   as fork returns and names the trampoline its parent wrote (the
   child runs the same code at the same addresses); a site the child
   promotes afterwards is named in the child's map and not in the
   parent's.  Both maps are removed by the program.  */
/* { dg-do run } */
/* Promotion is the precondition here; without retpolines a
   monomorphic or uniform site would be left to the predictor.  */
/* { dg-set-env DYNPROMOTE_TRUST_PREDICTOR 0 } */
/* { dg-set-env DYNPROMOTE_LEARN_PERIOD 1 } */
/* { dg-set-env DYNPROMOTE_DECIDE_SAMPLES 16 } */
/* { dg-set-env DYNPROMOTE_SAMPLE_PERIOD 1000000 } */
/* { dg-set-env DYNPROMOTE_PERF_MAP 1 } */

#include <sys/wait.h>
#include "perf-map-test.h"

NOIPA long child_site (fn f, long x) { return f (x) + 3; } enum { CHILD_LINE = __LINE__ };

int
main (void)
{
  const char *line = promote_site (f0);
  CHECK (strstr (line, " state=promoted ") != NULL);
  uintptr_t t = (uintptr_t) dp_stats_num (line, "trampoline");
  uintptr_t entry = (uintptr_t) dp_stats_num (line, "entry");
  char child_suffix[64];
  snprintf (child_suffix, sizeof child_suffix, "/perf-map-fork.c:%d",
	    (int) CHILD_LINE);
  fflush (stdout);
  pid_t pid = fork ();
  CHECK (pid >= 0);
  if (pid == 0)
    {
      /* Before the child has run the runtime at all.  */
      CHECK (map_check (getpid (), t, entry, stdout) == 1);
      CHECK (map_count (getpid (), "dynpromote.trampoline:", child_suffix)
	     == 0);
      long sum = 0;
      for (long i = 0; i < 1000; i++)
	sum += child_site (HIDE (f1), i);
      char *s = dp_stats_now ();
      const char *cl = dp_stats_site (s, "child_site", 0);
      CHECK (cl != NULL && strstr (cl, " state=promoted ") != NULL);
      free (s);
      int n = map_count (getpid (), "dynpromote.trampoline:", child_suffix);
      printf ("child: own trampoline lines=%d\n", n);
      CHECK (n == 1);
      char path[64];
      map_path (path, sizeof path, getpid ());
      CHECK (unlink (path) == 0);
      fflush (stdout);
      _exit (sum > 0 ? 0 : 1);
    }
  int status;
  CHECK (waitpid (pid, &status, 0) == pid);
  CHECK (WIFEXITED (status) && WEXITSTATUS (status) == 0);
  CHECK (map_check (getpid (), t, entry, stdout) == 1);
  int n = map_count (getpid (), "dynpromote.trampoline:", child_suffix);
  printf ("parent: child's trampoline lines=%d\n", n);
  CHECK (n == 0);
  char path[64];
  map_path (path, sizeof path, getpid ());
  CHECK (unlink (path) == 0);
  puts ("fork ok");
  return 0;
}

/* { dg-final { scan-stdout {^fork ok$} } } */
/* { dg-final { scan-stdout {^[0-9]+: lines=[0-9]+ trampoline=1 stub=1$} } } */
/* { dg-final { scan-stdout {^parent: child.s trampoline lines=0$} } } */
/* { dg-final { scan-stdout {^child: own trampoline lines=1$} } } */
/* { dg-final { scan-stderr-not {.} } } */
