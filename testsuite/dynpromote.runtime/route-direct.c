/* Purpose: with the inline guard (the default), a promoted site's
   guard hits end up jumping straight to its hottest target (route=direct
   in the dump): the call instruction is the call to the rest of the
   guard in the stub the plugin emitted (never written), which goes on
   to the hit patch point (entry - 8), and that jumps to the target (all
   checked in the code).  Its
   hits are counted exactly although never sampled; when the target
   moves, the hit point is pointed back, the site learns again and the
   hit point then jumps to the new target.  A second target reaches the
   right function through the guard's miss path all along, and a
   megamorphic site is sent to the stub's jump (route=stub).  Every call
   checks that it reached the function it asked for.  */
/* { dg-do run } */
/* Promotion is the precondition here; without retpolines a
   monomorphic or uniform site would be left to the predictor.  */
/* { dg-set-env DYNPROMOTE_TRUST_PREDICTOR 0 } */
/* { dg-options "-fplugin-arg-dynpromote-inline-guard" } */
/* { dg-set-env DYNPROMOTE_LEARN_PERIOD 1 } */
/* { dg-set-env DYNPROMOTE_SAMPLE_PERIOD 10 } */
/* { dg-set-env DYNPROMOTE_REPATCH_INTERVAL_MS 1 } */
/* No recheck: the verdict must hold until it is looked at (recheck.c
   covers rechecks).  */
/* { dg-set-env DYNPROMOTE_RECHECK_MS 0 } */

#include <stdint.h>
#include <time.h>
#include "dp-test.h"

typedef long (*fn) (long);
NOIPA static long inc (long x) { return x + 1; }
NOIPA static long dbl (long x) { return x * 2; }
NOIPA static long neg (long x) { return -x; }
#define T(i) NOIPA static long m##i (long x) { return x + 100 + i; }
T (0) T (1) T (2) T (3) T (4) T (5) T (6) T (7) T (8) T (9) T (10) T (11)
#undef T
static const fn many[12] = { m0, m1, m2, m3, m4, m5, m6, m7, m8, m9, m10,
			     m11 };

NOIPA long phase (fn f, long x) { return f (x) + 1; }
NOIPA long spread (fn f, long x) { return f (x) + 1; }

static long phase_calls;

static void
pause_ms (long ms)
{
  struct timespec ts = { 0, ms * 1000000 };
  nanosleep (&ts, NULL);
}

/* PHASE's site (its dump line SITE) goes straight to F.  A function of
   its own: at -O0 a local of drive's holding the hit point's address
   would stay on the stack through the next drive, and the runtime,
   which scans stacks conservatively for addresses in a guard's window
   (the hit point is in it), would wait for it to go.  */
NOIPA static void
check_direct (const char *site, fn f)
{
  uintptr_t hit = dp_stats_addr (site, "entry") - 8;
  CHECK (dp_guard_hit_destination (dp_stats_addr (site, "call"), 0) == hit);
  CHECK (dp_jump_destination (hit) == (uintptr_t) f);
  CHECK (dp_stats_num (site, "calls") == phase_calls);
}

/* Call PHASE with F (MUL * x + ADD expected, then + 1), checked, and
   once in 50 with NEG (the guard's miss path), until PHASE's call
   goes straight to F after PROMOTIONS promotions (bounded: 5 s).  */
static void
drive (fn f, long mul, long add, long promotions)
{
  for (int round = 0; round < 500; round++)
    {
      for (long i = 0; i < 20000; i++)
	{
	  if (i % 50 == 0)
	    CHECK (phase (HIDE (neg), i) == -i + 1);
	  else
	    CHECK (phase (HIDE (f), i) == mul * i + add + 1);
	  phase_calls++;
	}
      char *stats = dp_stats_now ();
      const char *site = dp_stats_site (stats, "phase", 0);
      int done = site && strstr (site, " state=promoted ")
		 && strstr (site, " route=direct")
		 && dp_stats_num (site, "promotions") == promotions;
      if (done)
	check_direct (site, f);
      free (stats);
      if (done)
	return;
      pause_ms (10);
    }
  CHECK (!"the call was not pointed at its target in 5 s");
}

int
main (void)
{
  drive (inc, 1, 1, 1);
  /* The target moves: misses, relearning, a second promotion.  */
  drive (dbl, 2, 0, 2);

  for (int round = 0; round < 20; round++)
    {
      for (long i = 0; i < 20000; i++)
	{
	  int k = (int) ((i * 7 + round) % 12);
	  CHECK (spread (HIDE (many[k]), i) == i + 100 + k + 1);
	}
      pause_ms (5);
    }
  puts ("route ok");
  return 0;
}

/* { dg-output "route ok" } */
/* { dg-final { scan-stats {^site [^\n]* func=phase [^\n]*state=promoted [^\n]*promotions=2 [^\n]* route=direct\n  target [^\n]*sym=dbl promoted=1 } } } */
/* { dg-final { scan-stats {^site [^\n]* func=spread [^\n]*state=megamorphic [^\n]* route=stub\n} } } */
