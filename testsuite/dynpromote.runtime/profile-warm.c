/* Purpose: warm start (DYNPROMOTE_PROFILE).  The program runs twice: the
   first run calls its site with two targets (90/10) until it is
   promoted and writes its dump; it then runs itself again with that
   dump as DYNPROMOTE_PROFILE, and the second run finds the site
   promoted, with both targets, before its first call (calls=0), and its
   next 1000 calls all hit (exact counts, every call sampled).  Twins:
   profile-stale.c (the profile of another build: ignored, one warning),
   profile-other.c (another program's: nothing matches),
   profile-corrupt.c and profile-missing.c (one warning, the program
   unaffected).  */
/* { dg-do run } */
/* { dg-set-env DYNPROMOTE_SAMPLE_PERIOD 1 } */
/* { dg-set-env DYNPROMOTE_LEARN_PERIOD 1 } */
/* { dg-set-env DYNPROMOTE_TRUST_PREDICTOR 0 } */
/* { dg-set-env DYNPROMOTE_COVERAGE 100 } */
/* { dg-set-env DYNPROMOTE_RECHECK_MS 0 } */
/* { dg-set-env DP_PROFILE_FILE @DIR@/profile.txt } */

#include <time.h>
#include "dp-test.h"

/* What the second run expects: 1 warm, 0 cold (stale, other).  */
#ifndef EXPECT_WARM
# define EXPECT_WARM 1
#endif

typedef long (*fn) (long);
NOIPA static long hot (long x) { return x + 1; }
NOIPA static long cold (long x) { return x * 3; }
static const fn both[2] = { hot, cold };

NOIPA long call_site (fn f, long x) { return f (x) + 1; }

static void
drive (long from, long n)
{
  for (long i = from; i < from + n; i++)
    {
      int is_cold = i % 10 == 9;
      /* Only call_site calls through a pointer: one site.  */
      CHECK (call_site (HIDE (both[is_cold]), i)
	     == (is_cold ? i * 3 : i + 1) + 1);
    }
}

/* The profile file as the first run leaves it, before the second reads
   it (the twins change it here).  */
#ifndef EDIT_PROFILE
# define EDIT_PROFILE(path) ((void) 0)
#endif

int
main (int argc, char **argv)
{
  (void) argc;
  const char *file = getenv ("DP_PROFILE_FILE");
  CHECK (file != NULL);
  if (!getenv ("DYNPROMOTE_PROFILE"))
    {
      /* First run: learn, write the profile, run again from it.  */
      for (int round = 0; round < 500; round++)
	{
	  drive (0, 2000);
	  char *stats = dp_stats_now ();
	  const char *site = dp_stats_site (stats, "call_site", 0);
	  int done = site && strstr (site, " state=promoted ")
		     && dp_stats_count (stats, " promoted=1 ") == 2;
	  free (stats);
	  if (done)
	    break;
	  struct timespec ts = { 0, 10 * 1000000 };
	  nanosleep (&ts, NULL);
	}
      CHECK (dynpromote_dump_stats (file) == 0);
      EDIT_PROFILE (file);
      dp_rerun_with_profile (file, argv);
    }

  /* Second run: before the first call.  */
  char *stats = dp_stats_now ();
  const char *site = dp_stats_site (stats, "call_site", 0);
  CHECK (site != NULL);
  CHECK (dp_stats_num (site, "calls") == 0);
  if (EXPECT_WARM)
    {
      CHECK (strstr (site, " state=promoted ") != NULL);
      CHECK (dp_stats_num (site, "promotions") == 1);
      CHECK (dp_stats_count (stats, " promoted=1 ") == 2);
    }
  else
    CHECK (strstr (site, " state=idle ") != NULL);
  free (stats);

  drive (0, 1000);
  stats = dp_stats_now ();
  site = dp_stats_site (stats, "call_site", 0);
  if (EXPECT_WARM)
    {
      CHECK (dp_stats_num (site, "hits") == 1000);
      CHECK (dp_stats_num (site, "misses") == 0);
    }
  free (stats);
  puts (EXPECT_WARM ? "warm ok" : "cold ok");
  return 0;
}

/* { dg-output "warm ok" } */
/* { dg-final { scan-stats {^site [^\n]* func=call_site kind=\w+ state=promoted [^\n]* hits=1000 misses=0 [^\n]*promotions=1 } } } */
/* The dump gives each target its offset in the program (off=), which
   the second run used instead of reading the symbol table
   (profile-no-offsets.c: by name).  */
/* { dg-final { scan-stats {^  target addr=0x[0-9a-f]+ sym=hot promoted=1 [^\n]* off=0x[0-9a-f]+\n} } } */
/* { dg-final { scan-stderr-not {warning} } } */
