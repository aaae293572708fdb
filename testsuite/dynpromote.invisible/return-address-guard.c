/* Purpose: a guarded call (retpolines turn the inline guard on) reaches
   its target from one return address whether the guard hits or misses,
   as the plain build's one call does: programs compare
   __builtin_return_address values (gcc.c-torture's 20010122-1.c
   aborted when its sites started warm).  The site learns until its
   guard holds hot and its hits jump there directly (route=direct); then
   hot (a hit) and cold (a miss) each record where they return to, which
   must be the same place.  Twin: return-address-guard-off.c (no guard).  */
/* { dg-do run } */
/* { dg-options "-O2 -fcf-protection=none -mindirect-branch=thunk -mfunction-return=keep" } */
/* { dg-set-env DYNPROMOTE_LEARN_PERIOD 1 } */
/* { dg-set-env DYNPROMOTE_SAMPLE_PERIOD 1 } */
/* { dg-set-env DYNPROMOTE_TRUST_PREDICTOR 0 } */
/* { dg-set-env DYNPROMOTE_RECHECK_MS 0 } */

#include <time.h>
#include "dp-test.h"

#ifdef GUARD_OFF
# define EXPECT_ROUTE " route=stub"
#else
# define EXPECT_ROUTE " route=direct"
#endif

static void *returns_to[2];

NOIPA static void hot (void) { returns_to[0] = __builtin_return_address (0); }
NOIPA static void cold (void) { returns_to[1] = __builtin_return_address (0); }

NOIPA void
call_site (void (*f) (void))
{
  f ();
  __asm__ volatile ("");	/* not a tail call */
}

int
main (void)
{
  int done = 0;
  for (int round = 0; round < 500 && !done; round++)
    {
      for (int i = 0; i < 2000; i++)
	call_site (HIDE (i % 10 == 9 ? cold : hot));
      char *stats = dp_stats_now ();
      const char *site = dp_stats_site (stats, "call_site", 0);
      done = site && strstr (site, " state=promoted ")
	     && strstr (site, EXPECT_ROUTE);
      free (stats);
      struct timespec ts = { 0, 10 * 1000000 };
      nanosleep (&ts, NULL);
    }
  CHECK (done);
  returns_to[0] = returns_to[1] = NULL;
  call_site (HIDE (hot));
  call_site (HIDE (cold));
  CHECK (returns_to[0] != NULL);
  CHECK (returns_to[0] == returns_to[1]);
  puts ("one return address");
  return 0;
}

/* { dg-output "one return address" } */
