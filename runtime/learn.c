/* learn.c - what a sampled call does.

   Entered from x86_64/sample.S with the interrupted call's argument
   registers saved, but not its vector or x87 registers: this file is
   compiled with -mgeneral-regs-only and calls no function (the build
   checks that its object has no undefined function symbols) and makes
   no system call.  It runs on any thread, in signal handlers, before the
   runtime's constructor and after its exit work, so it uses only
   lock-free updates of the site's own state.  Its return value tells
   sample.S whether promoter work is due now (service.c), which this
   thread then does.

   A learning site counts its targets; after dp_decide_samples samples it
   asks the promoter for a decision.  A promoted site counts hits per
   promoted target and misses; when a window of samples misses too often
   (a phase change) it asks to learn again.

   Owns: a site's counters while it is sampled, and the requests it
   makes (the site's request byte, its page's bit in dp_request_pages).

   May not: call anything (not even a function of the runtime), touch
   a vector register, or make a system call.  */

#include <stdbool.h>

#include "dp-runtime.h"

/* The flags in runtime/Makefile.am come before the builder's CFLAGS, so
   a -fstack-protector-strong there (dpkg-buildflags' hardening, at -O0
   under DEB_BUILD_OPTIONS=noopt) would win and make these functions
   call __stack_chk_fail: every function here says no itself.  */
#define DP_LEARN_FN __attribute__ ((no_stack_protector))

/* One step of xorshift32; the state is per site, and races between
   threads only make it more random.  */
DP_LEARN_FN static uint32_t
dp_next_random (struct dp_site_state *st, const void *seed)
{
  uint32_t x = st->prng;
  if (x == 0)
    x = (uint32_t) ((uintptr_t) seed >> 4) | 1;
  x ^= x << 13;
  x ^= x >> 17;
  x ^= x << 5;
  st->prng = x;
  return x;
}

/* Count TARGET in the first of slot[FIRST..] that holds it or is free;
   returns false if none.  */
DP_LEARN_FN static bool
dp_count_target (struct dp_site_state *st, int first, uint64_t target)
{
  for (int i = first; i < DP_SLOTS; i++)
    {
      struct dp_target_slot *slot = &st->slot[i];
      uint64_t seen = __atomic_load_n (&slot->target, __ATOMIC_RELAXED);
      if (seen == 0)
	{
	  uint64_t expected = 0;
	  if (__atomic_compare_exchange_n (&slot->target, &expected, target,
					   false, __ATOMIC_RELAXED,
					   __ATOMIC_RELAXED))
	    seen = target;
	  else
	    seen = expected;
	}
      if (seen == target)
	{
	  __atomic_fetch_add (&slot->samples, 1, __ATOMIC_RELAXED);
	  return true;
	}
    }
  return false;
}

/* Count TARGET in a slot whose target has no sample since learning
   restarted (a head start a relearn kept that this phase never calls):
   without this, slots full of stale targets would count every new
   target as "other" and make a site that simply moved on look
   megamorphic.  A site behind a retpoline keeps its earlier targets
   with one sample (promote.c): a slot with CARRIED samples or fewer is
   as stale.  Returns false if every slot is in use.  */
DP_LEARN_FN static bool
dp_count_in_stale_slot (struct dp_site_state *st, uint64_t target,
			uint64_t carried)
{
  for (int i = 0; i < DP_SLOTS; i++)
    {
      struct dp_target_slot *slot = &st->slot[i];
      uint64_t seen = __atomic_load_n (&slot->target, __ATOMIC_RELAXED);
      if (__atomic_load_n (&slot->samples, __ATOMIC_RELAXED) > carried)
	continue;
      /* A sample racing with the swap may land on the new target: a
	 miscount of one, never a wrong call.  */
      if (__atomic_compare_exchange_n (&slot->target, &seen, target, false,
				       __ATOMIC_RELAXED, __ATOMIC_RELAXED))
	{
	  __atomic_fetch_add (&slot->samples, 1, __ATOMIC_RELAXED);
	  return true;
	}
    }
  return false;
}

/* Ask the promoter to look at the site of REC (state ST): the next pass
   (service.c), which this very call may run.  The request goes into the
   state; the bit of REC's page of records tells the pass where to look
   (dp_request_pages), so a pass reads the records of the pages with
   requests, not every site of every object.  */
DP_LEARN_FN static void
dp_request (const struct dp_site_record *rec, struct dp_site_state *st,
	    uint8_t request)
{
  uint8_t none = DP_REQUEST_NONE;
  if (!dp_promotion
      || !__atomic_compare_exchange_n (&st->request, &none, request, false,
				       __ATOMIC_RELEASE, __ATOMIC_RELAXED))
    return;
  unsigned bit = dp_request_page_bit (rec);
  __atomic_fetch_or (&dp_request_pages[bit / 64], 1ull << (bit % 64),
		     __ATOMIC_RELEASE);
  __atomic_store_n (&dp_service_wanted, 1, __ATOMIC_RELEASE);
}

/* Is promoter work due: a request, or timed work whose time has come
   (read from the time-stamp counter: no call, no system call)?  */
DP_LEARN_FN static int
dp_service_due (void)
{
  /* A pass under way in another thread: go on (entering would cost two
     system calls only to find it taken).  */
  if (!dp_promotion || __atomic_load_n (&dp_service_busy, __ATOMIC_RELAXED)
      || __atomic_load_n (&dp_service_hold, __ATOMIC_RELAXED))
    return 0;
  if (__atomic_load_n (&dp_service_wanted, __ATOMIC_RELAXED))
    return 1;
  uint64_t due = __atomic_load_n (&dp_service_due_tsc, __ATOMIC_RELAXED);
  return due && __builtin_ia32_rdtsc () >= due;
}

DP_LEARN_FN static uint32_t
dp_sample_learning (const struct dp_site_record *rec,
		    struct dp_site_state *st, uint64_t target)
{
  uint64_t n = __atomic_add_fetch (&st->samples, 1, __ATOMIC_RELAXED);
  if (!dp_count_target (st, 0, target)
      && !dp_count_in_stale_slot (st, target,
				  (rec->flags & DP_FLAG_RETPOLINE) != 0))
    __atomic_fetch_add (&st->other, 1, __ATOMIC_RELAXED);
  /* The promoter may hold a decision for more samples (st->hold).  */
  if (n < (uint64_t) dp_decide_samples * (st->hold ? 8 : 1))
    return dp_learn_period;
  /* Enough to decide; sample slowly until the promoter has.  */
  dp_request (rec, st, DP_REQUEST_DECIDE);
  return dp_sample_period;
}

DP_LEARN_FN static uint32_t
dp_sample_promoted (const struct dp_site_record *rec,
		    struct dp_site_state *st, uint64_t target)
{
  int n = __atomic_load_n (&st->ntargets, __ATOMIC_ACQUIRE);
  bool hit = false;
  for (int i = 0; i < n && !hit; i++)
    if (__atomic_load_n (&st->slot[i].target, __ATOMIC_RELAXED) == target)
      {
	__atomic_fetch_add (&st->slot[i].samples, 1, __ATOMIC_RELAXED);
	hit = true;
      }
  if (!hit)
    {
      __atomic_fetch_add (&st->misses, 1, __ATOMIC_RELAXED);
      /* Keep the missing targets in the free slots: a relearn starts
	 from them.  */
      if (!dp_count_target (st, n, target))
	__atomic_fetch_add (&st->other, 1, __ATOMIC_RELAXED);
    }

  /* Plain read-modify-write: a lost update only stretches a window.  */
  uint16_t window = st->window + 1;
  uint16_t window_misses = st->window_misses + !hit;
  if (window >= dp_relearn_window)
    {
      /* A phase change: misses well above what the decision expected
	 (the untracked tail it left on the indirect path).  */
      uint32_t limit = st->expected_miss + dp_relearn_percent;
      if (limit > 100)
	limit = 100;
      /* The calls the window stands for: its samples, and the inline
	 guard's hits since it began (a direct call is never sampled; until
	 the call goes direct the hits are sampled, and not added).  */
      uint64_t hits = __atomic_load_n (&st->direct_hits, __ATOMIC_RELAXED);
      uint64_t direct = st->direct == DP_DIRECT_ON ? hits - st->window_hits
						   : 0;
      st->window_hits = hits;
      uint64_t period = dp_sample_period;
      if ((uint64_t) window_misses * period * 100
	  >= (uint64_t) limit * ((uint64_t) window * period + direct)
	  && st->repatches < dp_max_repatch)
	dp_request (rec, st, DP_REQUEST_RELEARN);
      window = window_misses = 0;
    }
  st->window = window;
  st->window_misses = window_misses;
  return dp_sample_period;
}

int dp_learn_sample (const struct dp_site_record *rec, uintptr_t target)
  DP_HIDDEN;

/* Returns nonzero when this thread should run a promoter pass.  */
DP_LEARN_FN int
dp_learn_sample (const struct dp_site_record *rec, uintptr_t target)
{
  struct dp_site_state *st = dp_state_of (rec);

  /* A record of another ABI version: only its countdown is known.  */
  if (rec->abi != DYNPROMOTE_ABI_VERSION || !dp_enabled)
    {
      st->countdown = INT32_MAX;
      return 0;
    }

  /* The span that just ended is the number of calls this sample stands
     for (1 for the very first call, whose countdown started at 0).  */
  uint32_t ended = __atomic_load_n (&st->span, __ATOMIC_RELAXED);
  __atomic_fetch_add (&st->calls, ended ? ended : 1, __ATOMIC_RELAXED);
  __atomic_fetch_add (&st->total_samples, 1, __ATOMIC_RELAXED);

  uint32_t period;
  switch (__atomic_load_n (&st->status, __ATOMIC_ACQUIRE))
    {
    case DP_STATUS_LEARNING:
      period = dp_sample_learning (rec, st, target);
      break;
    case DP_STATUS_PROMOTED:
      period = dp_sample_promoted (rec, st, target);
      break;
    default:
      /* Plain-jump sites are not sampled; a thread that was already on
	 its way here when the entry changed ends up here once.  */
      period = dp_sample_period;
      break;
    }

  /* Next sample after a random number of calls with mean PERIOD, so
     that periodic call patterns cannot alias with the sampling.  */
  uint32_t span = 1;
  if (period > 1)
    span = period / 2 + dp_next_random (st, rec) % period;
  __atomic_store_n (&st->span, span, __ATOMIC_RELAXED);
  __atomic_store_n (&st->countdown, (int32_t) (span - 1), __ATOMIC_RELAXED);
  return dp_service_due ();
}
