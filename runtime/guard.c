/* guard.c - the inline guard (dynpromote/abi.h): finding a guarded
   call's code, arming its guard, and the guard round that lets its hits
   jump straight to the target.

   A guarded call's hit patch point may jump straight to function F only
   while the guard holds F and a grace period has shown that no thread
   is still between the compare and the hit point's jump having read an
   older guard.
   So a promotion writes the guard (the hit point still jumps to the
   entry, right for any target) and marks the site pending; the guard
   round later runs one grace period over the windows of every pending
   site (grace.c starts and ends it) and then points their hit points at
   their guards.  A relearn points the hit point back at the entry first
   (route.c) and only then clears the guard.

   Owns: locating a guarded site's hit patch point and its windows
   (compare to call, guard's rest to hit point) in the program's code (read, never written), the guard
   and its hit counter in the site's state, the direct flag, and the
   round's windows.

   May not: write anything but the guard's state and, after a grace
   period, the hit patch points; route a site's entry (route.c).  */

#include <string.h>

#include "dp-runtime.h"

/* Some guarded site waits for a guard round.  */
static int dp_guard_pending;

/* The round in flight: the windows of the sites it armed.  */
struct dp_guard_round
{
  struct dp_range *ranges;
  int n, cap;
  int failed;       /* no memory for the ranges.  */
  int ok;           /* the grace period succeeded.  */
  int patched;
};

static struct dp_guard_round dp_gp_round;

/* Where the rel32 (or disp32) at REL leads, for an instruction that
   ends at NEXT.  */
static uintptr_t
dp_rel32_target (uintptr_t rel, uintptr_t next)
{
  int32_t disp;
  memcpy (&disp, (const void *) rel, 4);
  return next + (intptr_t) disp;
}

/* The hit patch point of guarded site REC (dynpromote/abi.h), if it
   holds a jump to the entry or to a function (what the plugin emitted,
   or what the runtime wrote): 0 if it does not.  */
uintptr_t
dp_guard_hit_point (const struct dp_site_record *rec)
{
  if (!(rec->flags & DP_FLAG_GUARDED))
    return 0;
  uintptr_t hit = (uintptr_t) DP_REL (rec, entry_rel) + DP_ENTRY_HIT_OFFSET;
  const uint8_t *p = (const uint8_t *) hit;
  if ((hit & 7) || p[0] != 0xe9 || p[5] != 0x0f || p[6] != 0x1f
      || p[7] != 0x00)
    return 0;
  return hit;
}

/* The windows of guarded site REC, where a thread may still act on a
   guard it compared with: from its compare, found by looking back from
   the call for the compare that reads REC's guard (padding and the
   counter's form vary), to the end of its call (the return address is
   the open end: a thread inside the callee holds nothing); and in its
   stub, from where the call goes (the guard's rest, DP_ENTRY_GUARD_OFFSET,
   for calls built since the guard moved there; else the hit patch point)
   to the end of the hit point's jump.  Fills RANGES[2]; 0, or -1 when
   the code is not what the plugin emits.  */
static int
dp_guard_window (const struct dp_object *obj,
		 const struct dp_site_record *rec, struct dp_range ranges[2])
{
  uintptr_t hit = dp_guard_hit_point (rec);
  if (!hit || !(rec->flags & DP_FLAG_CALL_KNOWN))
    return -1;
  uintptr_t call = (uintptr_t) DP_REL (rec, call_rel);
  const uint8_t *c = (const uint8_t *) call;
  if (c[0] != 0xe8 && c[0] != 0xe9)
    return -1;
  uintptr_t to = dp_rel32_target (call + 1, call + 5);
  uintptr_t guard_rest = hit + DP_ENTRY_GUARD_OFFSET - DP_ENTRY_HIT_OFFSET;
  const uint8_t *g = (const uint8_t *) guard_rest;
  if (to == guard_rest)
    {
      if (g[0] != 0x75 || g[1] != 0x16 || g[2] != 0x48 || g[3] != 0x83
	  || g[4] != 0x05)
	return -1;
    }
  else if (to != hit)
    return -1;
  uintptr_t guard = (uintptr_t) &dp_state_of (rec)->guard;
  for (uintptr_t at = call - 7; at + 40 >= call && at >= obj->code_lo; at--)
    {
      const uint8_t *p = (const uint8_t *) at;
      if (p[0] != 0x4c || (p[1] != 0x3b && p[1] != 0x39) || p[2] != 0x1d)
	continue;
      if (dp_rel32_target (at + 3, at + 7) == guard)
	{
	  ranges[0].lo = at;
	  ranges[0].hi = call + 5;
	  ranges[1].lo = to;
	  ranges[1].hi = hit + 8;
	  return 0;
	}
    }
  return -1;
}

/* Can the hit point of every site sharing REC's state jump straight to
   TARGET?  */
int
dp_guard_possible (struct dp_object *obj, const struct dp_site_record *rec,
		   uintptr_t target)
{
  int members = 0;
  DP_FOR_EACH_MEMBER (m, obj, rec)
    {
      struct dp_range ranges[2];
      uintptr_t hit = dp_guard_hit_point (m);
      if (dp_guard_window (obj, m, ranges) != 0 || !hit
	  || !dp_codegen_reachable (hit + 5, target))
	return 0;
      members++;
    }
  return members > 0;
}

/* After a promotion: set the guard to the hottest target, to be made
   direct by the next guard round.  */
void
dp_guard_arm (const struct dp_site_record *rec, uintptr_t target)
{
  struct dp_site_state *st = dp_state_of (rec);
  /* The guard is 0 here (never set, or cleared and folded): no thread
     counts hits, so the counter restarts.  */
  st->direct_hits = 0;
  st->window_hits = 0;
  __atomic_store_n (&st->guard, target, __ATOMIC_RELEASE);
  st->direct = DP_DIRECT_PENDING;
  __atomic_thread_fence (__ATOMIC_SEQ_CST);
  /* Until the grace period, a guard hit takes the entry (the trampoline,
     sampled), where the hit point has jumped since the site was last
     routed: a pass polls the grace period only when some sampled call
     comes by, and these calls may be all the program makes.  Their hits
     are sampled meanwhile, and the guard's counter counts for the dump
     and the relearn window only once the hit point goes direct (it
     restarts then).  */
  dp_guard_pending = 1;
}

/* Before a site learns again: its hit points were pointed back at the
   entry (and serialised) by the caller, so the guard may change.  */
void
dp_guard_clear (struct dp_site_state *st)
{
  /* The counter's hits were calls of their own only while direct (the
     dump counts them only then): fold those in, drop the others.  */
  if (st->direct == DP_DIRECT_ON)
    st->calls += st->direct_hits;
  st->direct_hits = 0;
  st->window_hits = 0;
  st->direct = DP_DIRECT_NONE;
  __atomic_store_n (&st->guard, 0, __ATOMIC_RELEASE);
}

/* Does some guarded site wait for a round?  */
int
dp_guard_waiting (void)
{
  return dp_guard_pending;
}

/* Round, first pass: collect the windows of pending sites, mark them
   armed (a site armed now is one whose guard was written before the
   grace period starts).  */
static void
dp_guard_collect (struct dp_object *obj, void *data)
{
  struct dp_guard_round *round = data;
  for (const struct dp_site_record *rec = obj->begin; rec < obj->end; rec++)
    {
      struct dp_site_state *st = dp_state_of (rec);
      if (!(rec->flags & DP_FLAG_GUARDED)
	  || (st->direct != DP_DIRECT_PENDING
	      && st->direct != DP_DIRECT_ARMED))
	continue;
      struct dp_range ranges[2];
      if (dp_guard_window (obj, rec, ranges) != 0)
	continue;
      if (round->n + 2 > round->cap)
	{
	  int cap = round->cap ? 2 * round->cap : 64;
	  struct dp_range *r = dp_realloc (round->ranges,
					   (size_t) round->cap * sizeof *r,
					   (size_t) cap * sizeof *r);
	  if (!r)
	    {
	      round->failed = 1;
	      continue;
	    }
	  round->ranges = r;
	  round->cap = cap;
	}
      round->ranges[round->n++] = ranges[0];
      round->ranges[round->n++] = ranges[1];
      st->direct = DP_DIRECT_ARMED;
    }
}

/* Round, second pass (after the grace period): point the hit points of
   armed sites at their guards, or send them back to pending.  */
static void
dp_guard_apply (struct dp_object *obj, void *data)
{
  struct dp_guard_round *round = data;
  for (const struct dp_site_record *rec = obj->begin; rec < obj->end; rec++)
    {
      struct dp_site_state *st = dp_state_of (rec);
      if (!(rec->flags & DP_FLAG_GUARDED) || st->direct != DP_DIRECT_ARMED)
	continue;
      if (!round->ok || round->failed)
	continue;
      uintptr_t target = __atomic_load_n (&st->guard, __ATOMIC_RELAXED);
      uintptr_t hit = dp_guard_hit_point (rec);
      if (st->status != DP_STATUS_PROMOTED || !target || !hit
	  || !dp_codegen_reachable (hit + 5, target))
	continue;
      /* Until now the guard's hits went to the entry and were sampled,
	 and its counter counted them too.  The counter cannot be reset
	 (the calls' `addq' is a plain read-modify-write: a thread that
	 read it before a reset writes the old count back), so what it
	 holds now is taken out of the sampled totals instead: the dump
	 and the relearn window then add the counter only once.  */
      uint64_t before = __atomic_load_n (&st->direct_hits, __ATOMIC_RELAXED);
      uint64_t period = dp_sample_period ? dp_sample_period : 1;
      st->calls -= before < st->calls ? before : st->calls;
      uint64_t s0 = st->slot[0].samples, d0 = before / period;
      __atomic_store_n (&st->slot[0].samples, d0 < s0 ? s0 - d0 : 0,
			__ATOMIC_RELAXED);
      st->window_hits = before;
      if (dp_code_store8 (hit, dp_codegen_entry_jump (hit, target)) == 0)
	round->patched++;
    }
}

/* Round, last pass: armed sites are now direct (or pending again).  */
static void
dp_guard_settle (struct dp_object *obj, void *data)
{
  struct dp_guard_round *round = data;
  for (const struct dp_site_record *rec = obj->begin; rec < obj->end; rec++)
    {
      struct dp_site_state *st = dp_state_of (rec);
      if ((rec->flags & DP_FLAG_GUARDED) && st->direct == DP_DIRECT_ARMED)
	{
	  st->direct = round->ok && !round->failed ? DP_DIRECT_ON
						   : DP_DIRECT_PENDING;
	  if (st->direct == DP_DIRECT_PENDING)
	    dp_guard_pending = 1;
	}
    }
}

/* A grace period starts (grace.c): arm every pending site, unless code
   may no longer be written.  Returns how many windows the period must
   cover, in *WINDOWS (0 if the round could not collect them all).  */
int
dp_guard_round_begin (const struct dp_range **windows)
{
  memset (&dp_gp_round, 0, sizeof dp_gp_round);
  if (dp_guard_pending && !dp_code_frozen ())
    {
      dp_guard_pending = 0;
      dp_registry_each (dp_guard_collect, &dp_gp_round);
    }
  *windows = dp_gp_round.ranges;
  return dp_gp_round.failed ? 0 : dp_gp_round.n;
}

/* The windows of the period in flight are over their grace period (OK:
   the armed calls go direct), or their sites wait for another.  */
void
dp_guard_round_end (int ok)
{
  if (dp_code_frozen ())
    ok = 0;
  dp_gp_round.ok = ok;
  if (!dp_code_frozen ())
    dp_registry_each (dp_guard_apply, &dp_gp_round);
  if (dp_gp_round.patched)
    {
      dp_code_sync ();
      dp_promoter_stats.patches += (uint64_t) dp_gp_round.patched;
    }
  dp_registry_each (dp_guard_settle, &dp_gp_round);
  dp_free (dp_gp_round.ranges);
  memset (&dp_gp_round, 0, sizeof dp_gp_round);
}
