/* Purpose: megamorphic and predicted are verdicts on the samples they
   were made on, not final states.  The promoter sends such a site back
   to learning DYNPROMOTE_RECHECK_MS after its verdict (here 20 ms), and
   a site that has settled on fewer targets since is promoted.  Site
   spread: twelve uniform targets (megamorphic: its entry holds the
   plain jump), then two, 80/20 (a shape promoted in every build): the
   site is promoted, its guard's miss call still calling the entry,
   which jumps to its trampoline.  Site skewed (without retpolines):
   eight skewed targets (predicted), then two: it is promoted.  A shared
   family (rk, two sites) is rechecked as one.
   repatches and the promoter's rechecks count them.
   Twins: recheck-off.c (DYNPROMOTE_RECHECK_MS=0: both verdicts stay)
   and recheck-retpoline.c (the same under retpolines).  Every call
   checks that it reached the function it asked for.  */
/* { dg-do run } */
/* { dg-options "-fplugin-arg-dynpromote-inline-guard" } */
/* { dg-set-env DYNPROMOTE_LEARN_PERIOD 1 } */
/* { dg-set-env DYNPROMOTE_SAMPLE_PERIOD 10 } */
/* { dg-set-env DYNPROMOTE_DECIDE_SAMPLES 100 } */
/* { dg-set-env DYNPROMOTE_RECHECK_MS 20 } */

#include <time.h>
#include "dp-test.h"

typedef long (*fn) (long);
#define T(i) NOIPA static long t##i (long x) { return x * 100 + i; }
T (0) T (1) T (2) T (3) T (4) T (5) T (6) T (7) T (8) T (9) T (10) T (11)
#undef T
static const fn targets[12] = { t0, t1, t2, t3, t4, t5, t6, t7, t8, t9,
				t10, t11 };

NOIPA long spread (fn f, long x) { return f (x) + 1; }
NOIPA long skewed (fn f, long x) { return f (x) + 1; }

/* Two sites with one shared state (family rk): rechecked as one.  */
typedef long (*rk_fn) (long) DYNPROMOTE_SHARED (rk);
NOIPA long rk_one (fn f, long x) { rk_fn g = f; return g (x) + 1; }
NOIPA long rk_two (fn f, long x) { rk_fn g = f; return g (x) + 1; }
NOIPA long rk_both (fn f, long x) { return rk_one (f, x) + rk_two (f, x)
					     - (f (x) + 1); }

static const int uniform12[12] = { 9, 9, 9, 8, 8, 8, 8, 8, 8, 8, 8, 9 };
static const int skew8[8] = { 60, 20, 5, 5, 4, 3, 2, 1 };
static const int settled[2] = { 80, 20 };
static const int pair[2] = { 70, 30 };

static void
pause_ms (long ms)
{
  struct timespec ts = { 0, ms * 1000000 };
  nanosleep (&ts, NULL);
}

/* Call SITE with the shares W[0..N) (dp_pick_share: every call is
   sampled and the pattern repeats, so the shares are exact) in rounds
   of 20000 calls until FUNC's dump line says state=STATE, or, with
   ROUNDS > 0, for exactly ROUNDS rounds whatever its state.  Returns a
   malloc'd copy of the last site line.  */
static char *
drive (long (*site) (fn, long), const char *func, const int *w, int n,
       const char *state, int rounds)
{
  char want[64];
  snprintf (want, sizeof want, " state=%s ", state);
  for (int round = 0; round < (rounds > 0 ? rounds : 500); round++)
    {
      for (long i = 0; i < 20000; i++)
	{
	  int k = dp_pick_share (i, w, n);
	  CHECK (site (HIDE (targets[k]), i) == i * 100 + k + 1);
	}
      char *stats = dp_stats_now ();
      const char *line = dp_stats_site (stats, func, 0);
      CHECK (line != NULL);
      char *copy = strdup (line);
      free (stats);
      if (rounds <= 0 && strstr (copy, want))
	return copy;
      if (rounds > 0 && round == rounds - 1)
	return copy;
      free (copy);
      pause_ms (5);
    }
  fprintf (stderr, "%s never reached%s\n", func, want);
  CHECK (0);
  return NULL;
}

/* Whether the entry of FUNC's site is plain (dp_entry_is_plain) while
   its dump says megamorphic with REPATCHES, in *PLAIN: read, then
   confirmed by a second dump (a recheck between the two changes
   repatches).  Returns 0 if it moved on.  */
static int
megamorphic_entry (const char *func, long repatches, int *plain)
{
  char *stats = dp_stats_now ();
  const char *line = dp_stats_site (stats, func, 0);
  int still = line && strstr (line, " state=megamorphic ")
	      && dp_stats_num (line, "repatches") == repatches;
  if (still)
    *plain = dp_entry_is_plain (dp_stats_addr (line, "entry"));
  free (stats);
  stats = dp_stats_now ();
  line = dp_stats_site (stats, func, 0);
  still = still && line && strstr (line, " state=megamorphic ")
	  && dp_stats_num (line, "repatches") == repatches;
  free (stats);
  return still;
}

int
main (void)
{
  /* Phase 1: twelve uniform targets.  */
  int plain;
  for (int tries = 0;; tries++)
    {
      CHECK (tries < 100);
      char *line = drive (spread, "spread", uniform12, 12, "megamorphic", 0);
      long repatches = dp_stats_num (line, "repatches");
      free (line);
      if (!megamorphic_entry ("spread", repatches, &plain))
	continue;
      /* The entry goes to the stub's protected jump.  */
      CHECK (plain);
      break;
    }

  /* Phase 2: two targets, 80/20.  */
#ifdef EXPECT_NO_RECHECK
  /* Longer than the default recheck time (100 ms).  */
  char *line = drive (spread, "spread", settled, 2, "", 40);
  CHECK (strstr (line, " state=megamorphic "));
  CHECK (dp_stats_num (line, "repatches") == 0);
  CHECK (megamorphic_entry ("spread", 0, &plain));
  CHECK (plain);
#else
  char *line = drive (spread, "spread", settled, 2, "promoted", 0);
  CHECK (dp_stats_num (line, "repatches") >= 1);
  uintptr_t call = dp_stats_addr (line, "call");
  uintptr_t entry = dp_stats_addr (line, "entry");
  CHECK (dp_guard_miss_destination (call, 0) == entry);
  CHECK (dp_jump_destination (entry) == dp_stats_addr (line, "trampoline"));
#endif
  free (line);

  /* A shared family: megamorphic, then 80/20, as one.  */
  line = drive (rk_both, "rk_one", uniform12, 12, "megamorphic", 0);
  free (line);
#ifdef EXPECT_NO_RECHECK
  line = drive (rk_both, "rk_one", settled, 2, "", 40);
  CHECK (strstr (line, " state=megamorphic "));
#else
  line = drive (rk_both, "rk_one", settled, 2, "promoted", 0);
  CHECK (dp_stats_num (line, "repatches") >= 1);
  free (line);
  char *stats = dp_stats_now ();
  line = strdup (dp_stats_site (stats, "rk_two", 0));
  CHECK (strstr (line, " state=promoted ") && strstr (line, " shared=rk"));
  free (stats);
#endif
  free (line);

#ifndef EXPECT_RETPOLINE
  /* Predicted, then two targets.  */
  line = drive (skewed, "skewed", skew8, 8, "predicted", 0);
  free (line);
# ifdef EXPECT_NO_RECHECK
  line = drive (skewed, "skewed", pair, 2, "", 40);
  CHECK (strstr (line, " state=predicted "));
  CHECK (dp_stats_num (line, "repatches") == 0);
# else
  line = drive (skewed, "skewed", pair, 2, "promoted", 0);
  CHECK (dp_stats_num (line, "repatches") >= 1);
# endif
  free (line);
#endif
  puts ("recheck ok");
  return 0;
}

/* { dg-output "recheck ok" } */
/* { dg-final { scan-stats {^promoter [^\n]* rechecks=[1-9]} } } */
/* { dg-final { scan-stats {^shared family=rk sites=2 state=promoted } } } */
