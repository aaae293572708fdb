/* grace.c - what waits for a grace period, and what is done when one
   ends: retired trampolines are reclaimed (pools.c), and the guard
   round's armed calls go direct (guard.c).

   quiesce.c proves that no thread is inside given ranges of code; this
   file decides which ranges, when a period starts, how often the one in
   flight is polled, and settles each class when it is over.  A pass
   starts a period and later passes poll it without waiting
   (dp_grace_step); in a single-threaded process it ends in the pass
   that starts it.

   Owns: the period in flight (its batch of retired chunks, when it
   started, which classes are settled) and the back-off after a failed
   one.

   May not: wait (dynpromote_synchronize's waiting is promoter.c's), or
   decide what is retired or armed.  */

#include <string.h>

#include "dp-runtime.h"

#define DP_GP_POLL_NS 2000000u
#define DP_GP_RETRY_NS 20000000u

/* The grace period in flight covers this batch: the chunks it will free
   (and the guard windows guard.c collected for it).  */
static struct dp_retired_chunk *dp_gp_batch;
static uint64_t dp_gp_retry_ns;	/* no new period before (after a failure) */

/* Which classes of the period in flight are settled (1 guards, 2
   trampolines), and when it started.  */
static int dp_gp_settled;
static uint64_t dp_gp_started_ns;
static uint64_t dp_gp_work_since_ns;	/* work waiting since (0: none) */

/* The retired trampolines of the period in flight are over their grace
   period (OK), or go back to wait for another.  */
static void
dp_grace_reclaim (int ok)
{
  struct dp_retired_chunk *batch = dp_gp_batch;
  dp_gp_batch = NULL;
  if (dp_code_frozen ())
    ok = 0;
  dp_pools_reclaim (batch, ok);
}

/* Settle the classes in DONE not settled yet (successfully), and, if
   the period is over (EXPIRED, or both done), the rest (as failed).  */
static void
dp_grace_settle (int done, int expired)
{
  int over = expired || done == 3;
  if (!(dp_gp_settled & 1) && ((done & 1) || over))
    dp_guard_round_end (done & 1);
  if (!(dp_gp_settled & 2) && ((done & 2) || over))
    dp_grace_reclaim ((done & 2) != 0);
  dp_gp_settled |= done | (over ? 3 : 0);
  if (over)
    {
      dp_promoter_stats.grace_periods++;
      dp_promoter_stats.grace_ns += dp_monotonic_ns () - dp_gp_started_ns;
      dp_gp_end ();
      if (done != 3)
	dp_gp_retry_ns = dp_monotonic_ns () + DP_GP_RETRY_NS;
    }
}

/* Start a grace period over everything retired and every pending guard,
   if there is any and none is in flight.  */
static int
dp_grace_start (int even_if_empty)
{
  if (dp_gp_active ())
    return 1;
  if (!even_if_empty
      && (!dp_pools_retired_any () && !dp_guard_waiting ()))
    return 0;
  uint64_t now = dp_monotonic_ns ();
  if (!even_if_empty && now < dp_gp_retry_ns)
    return 0;
  /* In a multi-threaded process a period costs a helper task per start
     and per poll (fds.c): let work gather for DP_GP_POLL_NS first.  In
     a single-threaded one it ends in the pass that starts it.  */
  if (!even_if_empty && !dp_single_threaded ())
    {
      if (!dp_gp_work_since_ns)
	dp_gp_work_since_ns = now;
      if (now - dp_gp_work_since_ns < DP_GP_POLL_NS)
	return 0;
    }
  dp_gp_work_since_ns = 0;
  dp_gp_settled = 0;
  dp_gp_started_ns = dp_monotonic_ns ();
  dp_gp_batch = dp_pools_take_retired ();
  const struct dp_range *guard_windows;
  int windows = dp_guard_round_begin (&guard_windows);
  int n = dp_pools_batch_ranges (dp_gp_batch, NULL);
  int total = windows + n;
  struct dp_range *ranges = total ? dp_alloc ((size_t) total * sizeof *ranges)
				  : NULL;
  if (total && !ranges)
    {
      dp_grace_settle (0, 1);
      return 0;
    }
  if (windows)
    memcpy (ranges, guard_windows, (size_t) windows * sizeof *ranges);
  if (n)
    dp_pools_batch_ranges (dp_gp_batch, ranges + windows);
  /* dynpromote_synchronize with nothing retired still waits for every
     thread to be seen once: an empty range in the trampolines' class
     makes that class wait for everyone while matching no address.  */
  static const struct dp_range nothing = { 0, 0 };
  int r = dp_gp_begin (total ? ranges : &nothing, total ? total : 1,
		       windows);
  dp_free (ranges);
  if (r != 0)
    {
      dp_grace_settle (0, 1);
      return 0;
    }
  return 1;
}

/* One step of the grace period: start one if there is work for it
   (EVEN_IF_EMPTY: start one anyway), poll the one in flight, and settle
   what is over.  SELF_SP is the calling thread's stack pointer where it
   entered the runtime.  Returns 1 while a period is still in flight.  */
int
dp_grace_step (uintptr_t self_sp, int even_if_empty)
{
  static uint64_t last_poll_ns;
  int fresh = !dp_gp_active ();
  if (!dp_grace_start (even_if_empty))
    return 0;
  /* A period just started is polled at once (in a single-threaded
     process that ends it); one in flight at most every DP_GP_POLL_NS
     (a poll reads every other thread's /proc files).  */
  uint64_t now = dp_monotonic_ns ();
  if (!fresh && !even_if_empty && now - last_poll_ns < DP_GP_POLL_NS)
    return 1;
  last_poll_ns = now;
  int expired;
  int done = dp_gp_poll (self_sp, DP_GP_TIMEOUT_NS, &expired);
  dp_grace_settle (done, expired);
  return dp_gp_active ();
}

/* When the next pass should step the grace period without a request
   (0: no need): soon while one is in flight (IN_FLIGHT) or work waits
   for one, after the back-off that follows a failed one.  */
uint64_t
dp_grace_next_ns (int in_flight, uint64_t now)
{
  if (in_flight)
    return now + DP_GP_POLL_NS;
  if (dp_pools_retired_any () || dp_guard_waiting ())
    return dp_gp_retry_ns > now ? dp_gp_retry_ns : now + DP_GP_POLL_NS;
  return 0;
}

/* Does anything wait for a grace period?  */
int
dp_grace_wanted (void)
{
  return dp_pools_retired_any () || dp_guard_waiting ();
}

/* In a forked child: a period in flight looked at the parent's threads,
   so its batch goes back to wait for one of the child's, as do the
   guards.  */
void
dp_grace_after_fork_child (void)
{
  if (dp_gp_active ())
    {
      dp_grace_settle (0, 1);
      dp_gp_retry_ns = 0;
    }
}
