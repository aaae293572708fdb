/* Purpose: warm start keeps a megamorphic site megamorphic: the first
   run's site calls 20 targets evenly (retpolines: eight a chain would
   cover 40%), its dump lists 8 targets and the rest as "other", and
   the second run, started from that dump, finds the site megamorphic
   before its first call, not promoted with the 8 its slots can hold.
   Twin of profile-warm.c (a site the profile promotes).  Fails if the
   profile's "other" samples are dropped.  */
/* { dg-do run } */
/* { dg-options "-mindirect-branch=thunk -fno-jump-tables -fcf-protection=none" } */
/* { dg-set-env DYNPROMOTE_SAMPLE_PERIOD 1 } */
/* { dg-set-env DYNPROMOTE_LEARN_PERIOD 1 } */
/* { dg-set-env DYNPROMOTE_RECHECK_MS 0 } */
/* { dg-set-env DP_PROFILE_FILE @DIR@/profile.txt } */

#include <time.h>
#include "dp-test.h"

typedef long (*fn) (long);
#define T(i) NOIPA static long t##i (long x) { return x * 32 + i; }
T (0) T (1) T (2) T (3) T (4) T (5) T (6) T (7) T (8) T (9)
T (10) T (11) T (12) T (13) T (14) T (15) T (16) T (17) T (18) T (19)
#undef T
static const fn all[20] = { t0, t1, t2, t3, t4, t5, t6, t7, t8, t9, t10,
			    t11, t12, t13, t14, t15, t16, t17, t18, t19 };

NOIPA long spread (fn f, long x) { return f (x) + 1; }

static void
drive (long n)
{
  for (long i = 0; i < n; i++)
    {
      int k = (int) ((i * 7) % 20);
      CHECK (spread (HIDE (all[k]), i) == i * 32 + k + 1);
    }
}

int
main (int argc, char **argv)
{
  (void) argc;
  const char *file = getenv ("DP_PROFILE_FILE");
  CHECK (file != NULL);
  if (!getenv ("DYNPROMOTE_PROFILE"))
    {
      for (int round = 0; round < 500; round++)
	{
	  drive (2000);
	  char *stats = dp_stats_now ();
	  const char *site = dp_stats_site (stats, "spread", 0);
	  int done = site && strstr (site, " state=megamorphic ");
	  free (stats);
	  if (done)
	    break;
	  struct timespec ts = { 0, 10 * 1000000 };
	  nanosleep (&ts, NULL);
	}
      CHECK (dynpromote_dump_stats (file) == 0);
      dp_rerun_with_profile (file, argv);
    }

  char *stats = dp_stats_now ();
  const char *site = dp_stats_site (stats, "spread", 0);
  CHECK (site != NULL);
  CHECK (dp_stats_num (site, "calls") == 0);
  CHECK (strstr (site, " state=megamorphic ") != NULL);
  free (stats);
  drive (1000);
  puts ("megamorphic ok");
  return 0;
}

/* { dg-output "megamorphic ok" } */
/* { dg-final { scan-stats {^site [^\n]* func=spread kind=\w+ state=megamorphic [^\n]* promotions=0 } } } */
