/* learn.c - what a sampled call does: count the call, record its target.

   Entered from x86_64/sample.S with the interrupted call's argument
   registers saved, but not its vector or x87 registers: this file is
   compiled with -mgeneral-regs-only and must call no function at all (the
   build checks that the object has no undefined symbols).  It runs on
   any thread, in signal handlers, before the runtime's constructor and
   after its exit work, so it uses only lock-free atomics on the site's own
   state and two global settings.  */

#include <stdbool.h>

#include "dp-runtime.h"

/* One step of xorshift32; the state is per site, and races between
   threads only make it more random.  */
static uint32_t
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

/* Record TARGET in the first slot that holds it or is free.  */
static void
dp_record_target (struct dp_site_state *st, uint64_t target)
{
  for (int i = 0; i < DP_LEARN_SLOTS; i++)
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
	  return;
	}
    }
  __atomic_fetch_add (&st->other, 1, __ATOMIC_RELAXED);
}

void dp_learn_sample (const struct dp_site_record *rec, uintptr_t target)
  DP_HIDDEN;

void
dp_learn_sample (const struct dp_site_record *rec, uintptr_t target)
{
  struct dp_site_state *st = dp_state_of (rec);

  /* A record of another ABI version: only its countdown is known.  */
  if (rec->abi != DYNPROMOTE_ABI_VERSION || !dp_enabled)
    {
      st->countdown = INT32_MAX;
      return;
    }

  /* The span that just ended is the number of calls this sample stands
     for (1 for the very first call, whose countdown started at 0).  */
  uint32_t ended = __atomic_load_n (&st->span, __ATOMIC_RELAXED);
  __atomic_fetch_add (&st->calls, ended ? ended : 1, __ATOMIC_RELAXED);
  __atomic_fetch_add (&st->samples, 1, __ATOMIC_RELAXED);
  dp_record_target (st, target);

  /* Next sample after a random number of calls with mean PERIOD, so
     that periodic call patterns cannot alias with the sampling.  */
  uint32_t period = dp_sample_period;
  uint32_t span = 1;
  if (period > 1)
    span = period / 2 + dp_next_random (st, rec) % period;
  __atomic_store_n (&st->span, span, __ATOMIC_RELAXED);
  __atomic_store_n (&st->countdown, (int32_t) (span - 1), __ATOMIC_RELAXED);
}
