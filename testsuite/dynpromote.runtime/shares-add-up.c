/* Purpose: a promoted site's target shares add up to 100% and are each
   about what the program called, also for a target the decision left on
   the indirect path (MAX_TARGETS=3 of four uniform targets): its learning
   samples and its sampled misses are counted once, in its own line, not
   again in every share's denominator.  Every call is checked.  */
/* { dg-do run } */
/* Promotion is the precondition here; without retpolines a
   monomorphic or uniform site would be left to the predictor.  */
/* { dg-set-env DYNPROMOTE_TRUST_PREDICTOR 0 } */
/* { dg-set-env DYNPROMOTE_LEARN_PERIOD 1 } */
/* { dg-set-env DYNPROMOTE_SAMPLE_PERIOD 1 } */
/* { dg-set-env DYNPROMOTE_MAX_TARGETS 3 } */

#include <time.h>
#include "dp-test.h"

typedef long (*fn) (long);
#define T(i) NOIPA static long t##i (long x) { return x + i; }
T (0) T (1) T (2) T (3)
#undef T
static const fn targets[4] = { t0, t1, t2, t3 };

NOIPA long site (fn f, long x) { return f (x); }

static void
call_round (void)
{
  for (long i = 0; i < 40000; i++)
    CHECK (site (HIDE (targets[i & 3]), i) == i + (i & 3));
}

int
main (void)
{
  /* Until the site is promoted (bounded: 5 s), then once more so that
     misses pile up on the fourth target.  */
  int promoted = 0;
  for (int round = 0; round < 500 && !promoted; round++)
    {
      call_round ();
      char *stats = dp_stats_now ();
      const char *line = dp_stats_site (stats, "site", 0);
      promoted = line && strstr (line, " state=promoted ") != NULL;
      free (stats);
      if (!promoted)
	{
	  struct timespec ts = { 0, 10000000 };
	  nanosleep (&ts, NULL);
	}
    }
  CHECK (promoted);
  call_round ();

  char *stats = dp_stats_now ();
  const char *line = dp_stats_site (stats, "site", 0);
  CHECK (line && strstr (line, " state=promoted ") != NULL);
  CHECK (dp_stats_num (line, "misses") > 0);
  /* The site's target lines follow its line.  */
  const char *p = strstr (stats, line) + strlen (line);
  double sum = 0;
  int lines = 0, promoted_lines = 0;
  while ((p = strchr (p, '\n')) && (p[1] == ' '))
    {
      p++;
      int is_promoted = 0;
      const char *s = strstr (p, " share=");
      const char *pr = strstr (p, " promoted=");
      const char *eol = strchr (p, '\n');
      CHECK (s && (!eol || s < eol));
      double share = strtod (s + 7, NULL);
      if (pr && (!eol || pr < eol))
	is_promoted = pr[10] == '1';
      CHECK (share >= 22.0 && share <= 28.0);
      sum += share;
      lines++;
      promoted_lines += is_promoted;
    }
  CHECK (lines == 4);
  CHECK (promoted_lines == 3);
  CHECK (sum > 99.5 && sum < 100.5);
  free (stats);
  return 0;
}
