/* Purpose: built without the inline guard (route-direct.c has it), a
   promoted site is routed through its stub (route=stub in the dump): the
   call instruction stays the call to the entry the plugin emitted (the
   program's code is never written), and the entry's patch point jumps to
   the trampoline (both checked in the code); a megamorphic site's entry
   jumps to the stub's indirect jump; and when a promoted site's target
   changes, the entry is pointed back at the learning path, the site
   learns again and is promoted to the new target.  Every call checks
   that it reached the function it asked for, through all of it.  */
/* { dg-do run } */
/* Promotion is the precondition here; without retpolines a
   monomorphic or uniform site would be left to the predictor.  */
/* { dg-set-env DYNPROMOTE_TRUST_PREDICTOR 0 } */
/* { dg-options "-fplugin-arg-dynpromote-no-inline-guard" } */
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
#define T(i) NOIPA static long m##i (long x) { return x + 100 + i; }
T (0) T (1) T (2) T (3) T (4) T (5) T (6) T (7) T (8) T (9) T (10) T (11)
#undef T
static const fn many[12] = { m0, m1, m2, m3, m4, m5, m6, m7, m8, m9, m10,
			     m11 };

NOIPA long phase (fn f, long x) { return f (x); }
NOIPA long spread (fn f, long x) { return f (x); }

static void
pause_ms (long ms)
{
  struct timespec ts = { 0, ms * 1000000 };
  nanosleep (&ts, NULL);
}

/* Call PHASE with F (MUL * x + ADD expected), checked, until the dump
   shows PHASE's site promoted PROMOTIONS times (bounded: 5 s).  */
static void
drive (fn f, long mul, long add, long promotions)
{
  for (int round = 0; round < 500; round++)
    {
      for (long i = 0; i < 20000; i++)
	CHECK (phase (HIDE (f), i) == mul * i + add);
      char *stats = dp_stats_now ();
      const char *site = dp_stats_site (stats, "phase", 0);
      int done = site && strstr (site, " state=promoted ")
		 && dp_stats_num (site, "promotions") == promotions;
      if (done)
	{
	  uintptr_t call = dp_stats_addr (site, "call");
	  uintptr_t entry = dp_stats_addr (site, "entry");
	  /* e8 call, or e9 jmp: at -O2 PHASE's call is a tail call.  */
	  CHECK (*(const unsigned char *) call == 0xe8
		 || *(const unsigned char *) call == 0xe9);
	  CHECK (dp_rel32_destination ((const unsigned char *) call + 1)
		 == entry);
	  CHECK (dp_jump_destination (entry)
		 == dp_stats_addr (site, "trampoline"));
	}
      free (stats);
      if (done)
	return;
      pause_ms (10);
    }
  CHECK (!"the promoter did not act in 5 s");
}

int
main (void)
{
  drive (inc, 1, 1, 1);
  /* The target moves: misses, relearning, a second promotion.  */
  drive (dbl, 2, 0, 2);
  for (long i = 0; i < 20000; i++)
    CHECK (phase (HIDE (dbl), i) == i * 2);

  for (int round = 0; round < 20; round++)
    {
      for (long i = 0; i < 20000; i++)
	{
	  int k = (int) ((i * 7 + round) % 12);
	  CHECK (spread (HIDE (many[k]), i) == i + 100 + k);
	}
      pause_ms (5);
    }
  puts ("route ok");
  return 0;
}

/* { dg-output "route ok" } */
/* { dg-final { scan-stats {^site [^\n]* func=phase [^\n]*state=promoted [^\n]*promotions=2 [^\n]* route=stub\n  target [^\n]*sym=dbl promoted=1 } } } */
/* { dg-final { scan-stats {^site [^\n]* func=spread [^\n]*state=megamorphic [^\n]* route=stub\n} } } */
