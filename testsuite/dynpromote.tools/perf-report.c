/* Purpose: perf names samples in a trampoline after the site it
   serves, from the map DYNPROMOTE_PERF_MAP=1 writes.  One site, built
   without the inline guard (so every call goes through its trampoline),
   is promoted and then called for half a second under `perf record -e
   cpu-clock' (perf-report.sh); `perf report' must attribute samples to
   dynpromote.trampoline:FILE:LINE with this file and the site's line.
   UNSUPPORTED, with the reason, where perf cannot record here, or does
   not apply the map to the runtime's code (perf-report.sh: perf 6.1
   applies it only to mappings it takes for anonymous memory, which the
   runtime's pools and stub pages are: shared anonymous memory, shown as
   "/dev/zero (deleted)").  */
/* { dg-do run } */
/* Promotion is the precondition here; without retpolines a
   monomorphic or uniform site would be left to the predictor.  */
/* { dg-set-env DYNPROMOTE_TRUST_PREDICTOR 0 } */
/* { dg-options "-fplugin-arg-dynpromote-no-inline-guard" } */
/* { dg-run-under sh @SRCDIR@/perf-report.sh @DIR@ } */
/* { dg-unsupported-status 77 } */
/* { dg-set-env DYNPROMOTE_LEARN_PERIOD 1 } */
/* { dg-set-env DYNPROMOTE_DECIDE_SAMPLES 16 } */
/* { dg-set-env DYNPROMOTE_SAMPLE_PERIOD 1000000 } */
/* { dg-set-env DYNPROMOTE_PERF_MAP 1 } */
/* { dg-run-timeout 300 } */

#include <time.h>
#include "dp-test.h"

typedef long (*fn) (long);
NOIPA long f0 (long x) { return x + 1; }

/* The site: line 33, which the last check below expects in its
   trampoline's name.  */
NOIPA long site (fn f, long x) { return f (x); }

static double
now (void)
{
  struct timespec ts;
  clock_gettime (CLOCK_MONOTONIC, &ts);
  return (double) ts.tv_sec + 1e-9 * (double) ts.tv_nsec;
}

int
main (void)
{
  printf ("pid=%ld\n", (long) getpid ());
  long x = 0;
  for (long i = 0; i < 1000; i++)
    x = site (HIDE (f0), x);
  char *s = dp_stats_now ();
  const char *line = dp_stats_site (s, "site", 0);
  CHECK (line != NULL && strstr (line, " state=promoted ") != NULL);
  CHECK (strstr (line, " route=stub") != NULL);
  free (s);
  fn f = HIDE (f0);
  double start = now ();
  while (now () - start < 0.5)
    for (long i = 0; i < 1000000; i++)
      x = site (f, x);
  printf ("calls=%ld\n", x);
  return 0;
}

/* { dg-final { scan-stdout {^calls=[0-9]+$} } } */
/* { dg-final { scan-stdout {^ +[0-9.]+%  [^\n]*dynpromote\.trampoline:[^ ]*[/]perf-report\.c:33$} } } */
