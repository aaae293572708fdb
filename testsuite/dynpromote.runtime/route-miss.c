/* Purpose: a guard miss goes through the stub's entry, whose patch
   point the runtime redirects: the program's own code is never written
   (docs/patching.md).  Once a guarded site is promoted, the branch its
   guard takes on a miss (the jne in the stub that a call goes to, or a
   sibcall's jne)
   still leads to the site's entry as the plugin emitted it, the entry's
   patch point jumps to the site's trampoline, and the trampoline's chain
   holds the other hot targets but not the guard's; a megamorphic site's
   entry holds a copy of the stub's indirect jump (route-miss-retpoline.c:
   under retpolines it jumps to the stub's protected jump, entry+13) and
   its miss branch still leads to the entry, and its calls still reach
   their targets.
   After a phase change the site learns again and the entry follows the
   new trampoline.  Every call checks that it reached the function it
   asked for.  */
/* { dg-do run } */
/* { dg-options "-fplugin-arg-dynpromote-inline-guard" } */
/* { dg-set-env DYNPROMOTE_LEARN_PERIOD 1 } */
/* { dg-set-env DYNPROMOTE_SAMPLE_PERIOD 10 } */
/* { dg-set-env DYNPROMOTE_REPATCH_INTERVAL_MS 1 } */
/* { dg-set-env DYNPROMOTE_COVERAGE 100 } */
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
NOIPA static long sq (long x) { return x * x; }
#define T(i) NOIPA static long m##i (long x) { return x + 100 + i; }
T (0) T (1) T (2) T (3) T (4) T (5) T (6) T (7) T (8) T (9) T (10) T (11)
#undef T
static const fn many[12] = { m0, m1, m2, m3, m4, m5, m6, m7, m8, m9, m10,
			     m11 };

NOIPA long pick (fn f, long x) { return f (x) + 1; }
NOIPA long tail (fn f, long x) { return f (x); }
NOIPA long spread (fn f, long x) { return f (x) + 1; }

static void
pause_ms (long ms)
{
  struct timespec ts = { 0, ms * 1000000 };
  nanosleep (&ts, NULL);
}

#define stats_addr dp_stats_addr


/* The targets a trampoline at T compares with (codegen.c: 12 bytes of
   sampling, then 4c 3b 1d rel32 0f 84 rel32 per target); returns how
   many, at most MAX.  */
static int
trampoline_targets (uintptr_t t, uintptr_t *out, int max)
{
  const unsigned char *p = (const unsigned char *) t + 12;
  int n = 0;
  while (n < max && p[0] == 0x4c && p[1] == 0x3b && p[2] == 0x1d)
    {
      CHECK (p[7] == 0x0f && p[8] == 0x84);
      out[n++] = dp_rel32_destination (p + 9);
      p += 13;
    }
  return n;
}

/* Drive FUNC's site (through CALL_SITE, checked) with targets HOT (7 in
   10), SECOND (2 in 10) and THIRD (1 in 10) until it is promoted with
   route=direct PROMOTIONS times, then check its miss branch and
   trampoline.  */
static void
drive (const char *func, long (*call_site) (fn, long), int plus, fn hot,
       fn second, fn third, long promotions)
{
  for (int round = 0; round < 500; round++)
    {
      for (long i = 0; i < 20000; i++)
	{
	  fn f = i % 10 < 7 ? hot : i % 10 < 9 ? second : third;
	  CHECK (call_site (HIDE (f), i) == f (i) + plus);
	}
      char *stats = dp_stats_now ();
      const char *site = dp_stats_site (stats, func, 0);
      int done = site && strstr (site, " state=promoted ")
		 && strstr (site, " route=direct")
		 && dp_stats_num (site, "promotions") == promotions;
      if (done)
	{
	  int sibcall = strstr (site, " kind=sibcall ") != NULL;
	  uintptr_t t = stats_addr (site, "trampoline");
	  uintptr_t entry = stats_addr (site, "entry");
	  CHECK (dp_guard_miss_destination (stats_addr (site, "call"), sibcall)
		 == entry);
	  CHECK (dp_jump_destination (entry) == t);
	  uintptr_t chain[8];
	  int n = trampoline_targets (t, chain, 8);
#ifdef EXPECT_RETPOLINE
	  /* Behind a retpoline a relearnt site keeps the targets it knew
	     at the end of its chain (after a phase change: the old
	     phase's dbl after neg and inc).  */
	  CHECK (n == (promotions == 1 ? 2 : 3));
	  if (n == 3)
	    CHECK (chain[2] == (uintptr_t) dbl);
#else
	  CHECK (n == 2);
#endif
	  CHECK (chain[0] == (uintptr_t) second);
	  CHECK (chain[1] == (uintptr_t) third);
	}
      free (stats);
      if (done)
	return;
      pause_ms (10);
    }
  CHECK (!"the site was not promoted with route=direct in 5 s");
}

int
main (void)
{
  drive ("pick", pick, 1, inc, dbl, neg, 1);
  /* A phase change: the site learns again, and the entry follows the
     new trampoline.  */
  drive ("pick", pick, 1, sq, neg, inc, 2);
  drive ("tail", tail, 0, dbl, inc, neg, 1);

  for (int round = 0; round < 20; round++)
    {
      for (long i = 0; i < 20000; i++)
	{
	  int k = (int) ((i * 7 + round) % 12);
	  CHECK (spread (HIDE (many[k]), i) == i + 100 + k + 1);
	}
      pause_ms (5);
    }
  char *stats = dp_stats_now ();
  const char *site = dp_stats_site (stats, "spread", 0);
  CHECK (site && strstr (site, " state=megamorphic "));
  CHECK (dp_guard_miss_destination (stats_addr (site, "call"), 0)
	 == stats_addr (site, "entry"));
  CHECK (dp_entry_is_plain (stats_addr (site, "entry")));
#ifdef EXPECT_RETPOLINE
  CHECK (dp_jump_destination (stats_addr (site, "entry"))
	 == stats_addr (site, "entry") + 13);
#else
  /* The stub's jump itself, copied: one jump instead of two.  */
  CHECK (*(const unsigned char *) stats_addr (site, "entry") != 0xe9);
# ifdef EXPECT_SLS
  /* With the int3 that -mharden-sls puts after an indirect jump.  */
  CHECK (((const unsigned char *) stats_addr (site, "entry"))[3] == 0xcc);
# endif
#endif
  /* Megamorphic calls still reach their targets.  */
  for (long i = 0; i < 1000; i++)
    CHECK (spread (HIDE (many[i % 12]), i) == i + 100 + i % 12 + 1);
  free (stats);
  puts ("route-miss ok");
  return 0;
}

/* { dg-output "route-miss ok" } */
/* { dg-final { scan-stats {^site [^\n]* func=pick [^\n]*state=promoted [^\n]*promotions=2 [^\n]* route=direct\n  target [^\n]*sym=sq promoted=1 } } } */
