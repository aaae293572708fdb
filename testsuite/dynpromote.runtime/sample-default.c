/* Purpose: with the default sampling period the runtime samples a small
   fraction of the calls (cheap) yet estimates the call count: after two
   million calls through one site, fewer than half were sampled, at least
   one was, and the estimate is within a factor of two.  Period 1000000
   (the maximum) is accepted and samples almost nothing.  */
/* { dg-do run } */
/* Promotion is the precondition here; without retpolines a
   monomorphic or uniform site would be left to the predictor.  */
/* { dg-set-env DYNPROMOTE_TRUST_PREDICTOR 0 } */
/* { dg-unset-env DYNPROMOTE_SAMPLE_PERIOD } */

#include "dp-test.h"

#define N 2000000L

typedef long (*fn) (long);
static volatile long sink;
NOIPA long id (long x) { return x; }
NOIPA long hot (fn f, long x) { long r = f (x); sink = r; return r; }

int
main (void)
{
  long s = 0;
  for (long i = 0; i < N; i++)
    s += hot (id, i);
  CHECK (s == N * (N - 1) / 2);

  char *snap = dp_stats_now ();
  const char *line = dp_stats_site (snap, "hot", 0);
  CHECK (line != NULL);
  long calls = dp_stats_num (line, "calls");
  long samples = dp_stats_num (line, "samples");
  printf ("calls=%ld samples=%ld\n", calls, samples);
  CHECK (samples >= 1 && samples < N / 2);
  CHECK (calls >= N / 2 && calls <= 2 * N);
  free (snap);
  return 0;
}

/* { dg-final { scan-stats {^  target [^\n]* sym=id } } } */
