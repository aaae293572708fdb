/* promote.c - what a request does to a site: a decision acted on (a
   trampoline written and the site routed to it, or the plain indirect
   jump), a relearn, a recheck.

   DECIDE   the policy's decision (policy.c) is carried out: a
            trampoline is written into a pool chunk within rel32 reach
            of the site's object (pools.c, codegen.c), all cores are
            serialised, then the stub's entry is pointed at it with one
            aligned 8-byte store and serialised again (route.c); a
            guarded site's hit patch point later jumps to the hottest
            target itself (the guard round: guard.c).  A megamorphic or
            predicted site goes to the plain indirect jump.
   RELEARN  points the entry (and the hit patch point) back at the
            learning path, retires the trampoline, and lets the site
            learn again (bounded by DYNPROMOTE_MAX_REPATCH and
            DYNPROMOTE_REPATCH_INTERVAL_MS).
   RECHECK  (no request: a pass walks the listed sites when one is due)
            sends a megamorphic or predicted site back to learning after
            DYNPROMOTE_RECHECK_MS, twice as long after each further
            time, within the same DYNPROMOTE_MAX_REPATCH budget: a
            verdict holds for the samples it was made on, and programs
            change phase.

   Shared families (DP_FLAG_SHARED: several records, one state) are
   decided, promoted, relearned and made plain as one: the first member
   whose request is taken acts for all, one trampoline serves them (its
   miss and slow paths use that member's stub, which jumps as every
   member's does: the plugin keys the state on the protection mode), and
   every member of the object is routed with one serialisation.

   Owns: a site's status and the counters a change of status resets,
   its slots' layout after a promotion, and each object's recheck list.

   May not: take a lock (its callers hold the promoter's and the
   registry's: promoter.c), or choose targets (policy.c).  */

#include <stdbool.h>

#include "dp-runtime.h"

/* CLOCK_MONOTONIC time of the earliest recheck due (0: none), found by
   the last walk over the listed sites; passes are scheduled no later.  */
static uint64_t dp_recheck_next_ns;

/* The sites of an object a recheck may revisit (megamorphic or predicted
   once): rechecks walk these, not every site.  Indices into the
   object's records; LISTED has a bit per record.  */
struct dp_recheck_list
{
  uint32_t n;
  uint8_t *listed;
  uint32_t site[];
};

static void dp_recheck_note (struct dp_object *,
			     const struct dp_site_record *);

/* Send the site to the plain indirect jump (for good, unless STATUS is
   one a recheck revisits).  Returns 0, or -1 (nothing changed) if OBJ's
   stubs cannot be made writable.  */
static int
dp_make_plain (struct dp_object *obj, const struct dp_site_record *rec,
	       int status)
{
  if (dp_route_adopt_stubs (obj) != 0)
    return -1;
  struct dp_site_state *st = dp_state_of (rec);
  __atomic_store_n (&st->status, (uint8_t) status, __ATOMIC_RELEASE);
  dp_route_site (obj, rec, DP_DEST_JUMP, 0);
  st->countdown = INT32_MAX;
  dp_recheck_note (obj, rec);
  return 0;
}

/* Lay out ST's slots for a promotion to TARGETS[0..M): the promoted
   targets first, in trampoline order, each keeping what it was learned
   on (st->learned) and counting its sampled hits from zero; then every
   other target seen, with its learning samples, where sampled misses
   will go on counting it.  The slots are read again here, not taken from
   the decision's snapshot: building the trampoline can take a while (a
   core serialisation, mappings), and what the program called meanwhile
   (say, a forked child that moved on to a new target) must stay in the
   statistics and in the relearn's head start.  A sample racing with this
   rewrite may be miscounted by one, never a call misdirected.  */
static void
dp_commit_slots (struct dp_site_state *st, const uint64_t *targets, int m)
{
  uint64_t seen[DP_SLOTS], count[DP_SLOTS];
  for (int i = 0; i < DP_SLOTS; i++)
    {
      seen[i] = __atomic_load_n (&st->slot[i].target, __ATOMIC_RELAXED);
      count[i] = __atomic_load_n (&st->slot[i].samples, __ATOMIC_RELAXED);
    }
  int next = 0;
  for (; next < m; next++)
    {
      uint64_t learned = 0;
      for (int j = 0; j < DP_SLOTS; j++)
	if (seen[j] == targets[next])
	  {
	    learned = count[j];
	    seen[j] = 0;
	  }
      st->learned[next] = (uint16_t) (learned < 65535 ? learned : 65535);
      __atomic_store_n (&st->slot[next].target, targets[next],
			__ATOMIC_RELAXED);
      __atomic_store_n (&st->slot[next].samples, 0, __ATOMIC_RELAXED);
    }
  for (int j = 0; j < DP_SLOTS && next < DP_SLOTS; j++)
    if (seen[j])
      {
	st->learned[next] = 0;
	__atomic_store_n (&st->slot[next].target, seen[j], __ATOMIC_RELAXED);
	__atomic_store_n (&st->slot[next].samples, count[j],
			  __ATOMIC_RELAXED);
	next++;
      }
  for (; next < DP_SLOTS; next++)
    {
      st->learned[next] = 0;
      __atomic_store_n (&st->slot[next].target, 0, __ATOMIC_RELAXED);
      __atomic_store_n (&st->slot[next].samples, 0, __ATOMIC_RELAXED);
    }
}

/* Carry out the policy's decision on learning site REC.  */
void
dp_promote_decide (struct dp_object *obj, const struct dp_site_record *rec)
{
  struct dp_site_state *st = dp_state_of (rec);
  if (st->status != DP_STATUS_LEARNING)
    return;

  struct dp_decision d;
  switch (dp_policy_decide (rec, st, &d))
    {
    case DP_DECISION_NONE:
      return;
    case DP_DECISION_MEGAMORPHIC:
      if (dp_make_plain (obj, rec, DP_STATUS_MEGAMORPHIC) == 0)
	dp_promoter_stats.megamorphic++;
      return;
    case DP_DECISION_PREDICTED:
      if (dp_make_plain (obj, rec, DP_STATUS_PREDICTED) == 0)
	dp_promoter_stats.predicted++;
      return;
    case DP_DECISION_PROMOTE:
      break;
    }

  if (dp_route_adopt_stubs (obj) != 0)
    {
      st->status = DP_STATUS_NOMEM;
      st->countdown = INT32_MAX;
      return;
    }
  struct dp_chunk chunk;
  uintptr_t t = dp_chunk_alloc (obj->code_lo, obj->code_hi, &chunk);
  if (!t)
    {
      dp_make_plain (obj, rec, DP_STATUS_NOMEM);
      return;
    }

  /* A target a rel32 branch cannot reach is reached through the site's
     object's own PLT entry for it, comparing the GOT slot that entry
     jumps through (plt.c); without one, it stays on the indirect
     path.  */
  uint64_t targets[DP_SLOTS];
  uintptr_t cmp_mem[DP_SLOTS], dest[DP_SLOTS];
  int m = 0, dropped = 0, via_plt = 0;
  for (int i = 0; i < d.k; i++)
    {
      uintptr_t got = 0, jmp = 0, to = (uintptr_t) d.targets[i];
      if (!dp_chunk_reaches (t, to))
	{
	  if (dp_plt_route (obj, to, &got, &jmp) != 0
	      || !dp_chunk_reaches (t, got) || !dp_chunk_reaches (t, jmp))
	    {
	      dropped++;
	      continue;
	    }
	  via_plt++;
	}
      cmp_mem[m] = got;
      dest[m] = jmp;
      targets[m++] = d.targets[i];
    }
  st->unreachable = (uint8_t) dropped;
  st->via_plt = (uint8_t) via_plt;
  if (m == 0)
    {
      dp_chunk_free (&chunk);
      dp_make_plain (obj, rec, DP_STATUS_UNREACHABLE);
      return;
    }

  /* With the inline guard the hottest target never reaches the
     trampoline (a guard hit takes the call that the guard round points
     at it): the chain starts with the second.  Not for a target reached
     through the PLT: the hit point could only jump to the PLT entry,
     which goes where the GOT slot says, and no compare checks that.  */
  int guarded = !dest[0] && dp_guard_possible (obj, rec, targets[0]);
  uint8_t *buf = dp_chunk_writable (&chunk);
  if (!buf)
    {
      /* No writable alias now (out of mappings): the site stays on its
	 learning path, unsampled, like one whose stubs cannot be
	 adopted.  */
      dp_chunk_free (&chunk);
      st->status = DP_STATUS_NOMEM;
      st->countdown = INT32_MAX;
      return;
    }
  if (dp_codegen_trampoline (rec, t, targets + guarded, cmp_mem + guarded,
			     dest + guarded, m - guarded, buf) != 0)
    {
      dp_chunk_free (&chunk);
      dp_make_plain (obj, rec, DP_STATUS_UNREACHABLE);
      return;
    }
  /* The trampoline's bytes are in place on every core before anything
     can branch to it.  */
  dp_execmem_changed (t, DP_CHUNK);
  dp_code_sync ();
  /* Named for gdb and perf.  */
  char name[DP_CODE_NAME_MAX];
  size_t size = dp_codegen_trampoline_size (m - guarded);
  dp_code_name (name, sizeof name, "trampoline", rec, 0);
  dp_chunk_name (&chunk, size, name);
  dp_perfmap_add (t, size, name);

  dp_commit_slots (st, targets, m);
  st->misses = 0;
  st->window = st->window_misses = 0;
  st->expected_miss = d.expected_miss;
  st->trampoline = t;
  __atomic_store_n (&st->ntargets, (uint8_t) m, __ATOMIC_RELEASE);
  __atomic_store_n (&st->status, DP_STATUS_PROMOTED, __ATOMIC_RELEASE);
  st->promotions++;
  dp_route_site (obj, rec, DP_DEST_TRAMPOLINE, t);
  if (guarded)
    dp_guard_arm (rec, targets[0]);
  dp_promoter_stats.promotions++;
}

/* A site learns again (a relearn or a recheck): every count restarts,
   the targets stay in the slots as a head start, and the decision waits
   for 8x dp_decide_samples samples if HOLD.  Counted in repatches.  */
static void
dp_learn_again (struct dp_site_state *st, int hold)
{
  st->repatches++;
  st->samples = 0;
  st->other = 0;
  st->hold = (uint8_t) hold;
  for (int i = 0; i < DP_SLOTS; i++)
    {
      __atomic_store_n (&st->slot[i].samples, 0, __ATOMIC_RELAXED);
      st->learned[i] = 0;
    }
}

/* Promoted site REC misses too often: it learns again, unless its
   budget is spent or it was patched too recently.  */
void
dp_promote_relearn (struct dp_object *obj, const struct dp_site_record *rec)
{
  struct dp_site_state *st = dp_state_of (rec);
  if (st->status != DP_STATUS_PROMOTED || st->repatches >= dp_max_repatch)
    return;
  if (dp_monotonic_ns () - st->last_patch_ns
      < (uint64_t) dp_repatch_interval_ms * 1000000u)
    return;
  __atomic_store_n (&st->status, DP_STATUS_LEARNING, __ATOMIC_RELEASE);
  dp_route_site (obj, rec, DP_DEST_LEARN, 0);
  dp_guard_clear (st);
  dp_pools_retire (st->trampoline);
  st->trampoline = 0;
  __atomic_store_n (&st->ntargets, 0, __ATOMIC_RELEASE);
  /* Keep the targets that missed (slot[ntargets..]) as a head start.
     Behind a retpoline such a site promotes every target its window
     saw (policy.c), and it also keeps, with one sample each, every
     target it knew: those of a phase that is over come back after
     this phase's, where they cost only a miss's compares, and a
     program whose targets drift with its phases stops missing (a Lua
     dispatch jump relearnt 16 times on 64-sample windows, each window
     seeing only the one loop then running, and kept half its jumps
     missing).  It also decides on 8 windows' samples.  */
  bool retpoline = (rec->flags & DP_FLAG_RETPOLINE) != 0;
  bool known[DP_SLOTS];
  for (int i = 0; i < DP_SLOTS; i++)
    known[i] = st->slot[i].target
	       && (st->slot[i].samples || st->learned[i]);
  dp_learn_again (st, retpoline);
  if (retpoline)
    for (int i = 0; i < DP_SLOTS; i++)
      if (known[i])
	__atomic_store_n (&st->slot[i].samples, 1, __ATOMIC_RELAXED);
  dp_promoter_stats.relearns++;
}

/* When ST, megamorphic or predicted, learns again: DYNPROMOTE_RECHECK_MS
   after its verdict, doubled for each time it learned again before (up
   to 1024 times as long); 0 if never (rechecks off, or its
   DYNPROMOTE_MAX_REPATCH budget spent).  */
static uint64_t
dp_recheck_due_ns (const struct dp_site_state *st)
{
  if ((st->status != DP_STATUS_MEGAMORPHIC
       && st->status != DP_STATUS_PREDICTED)
      || dp_recheck_ms == 0 || st->repatches >= dp_max_repatch)
    return 0;
  unsigned doublings = st->repatches < 10 ? st->repatches : 10;
  return st->last_patch_ns + ((uint64_t) dp_recheck_ms * 1000000u
			      << doublings);
}

/* Send a megamorphic or predicted site back to learning; the next call
   through the entry is sampled.  The new decision waits for 8x
   dp_decide_samples samples (st->hold), as the verdict it revisits did:
   on fewer, chance alone would overturn right verdicts, and a promotion
   is not revisited unless it misses.  Nothing is retired: the plain
   jump is part of the stub.  */
static void
dp_recheck (struct dp_object *obj, const struct dp_site_record *rec)
{
  struct dp_site_state *st = dp_state_of (rec);
  dp_learn_again (st, 1);
  __atomic_store_n (&st->span, 1, __ATOMIC_RELAXED);
  __atomic_store_n (&st->countdown, 1, __ATOMIC_RELAXED);
  __atomic_store_n (&st->status, DP_STATUS_LEARNING, __ATOMIC_RELEASE);
  dp_route_site (obj, rec, DP_DEST_LEARN, 0);
  dp_promoter_stats.rechecks++;
}

/* Make DUE (0: none) count for when the next recheck walk runs.  */
static void
dp_recheck_at (uint64_t due)
{
  if (due && (!dp_recheck_next_ns || due < dp_recheck_next_ns))
    dp_recheck_next_ns = due;
}

/* REC's site went to the plain jump with a verdict a recheck revisits:
   list it (once) for the recheck walks, and make its due time count.  */
static void
dp_recheck_note (struct dp_object *obj, const struct dp_site_record *rec)
{
  /* A site whose verdict is not one a recheck revisits, or whose budget
     is spent, never comes due without another verdict (which notes it
     again).  */
  uint64_t due = dp_recheck_due_ns (dp_state_of (rec));
  if (!due)
    return;
  size_t count = (size_t) (obj->end - obj->begin);
  size_t index = (size_t) (rec - obj->begin);
  if (!obj->rechecks)
    {
      struct dp_recheck_list *l
	= dp_alloc (sizeof *l + count * sizeof l->site[0] + (count + 7) / 8);
      if (!l)
	return;		/* then its verdict stands: no recheck */
      l->listed = (uint8_t *) &l->site[count];
      obj->rechecks = l;
    }
  struct dp_recheck_list *l = obj->rechecks;
  if (!(l->listed[index / 8] & (1u << (index % 8))))
    {
      l->listed[index / 8] |= (uint8_t) (1u << (index % 8));
      l->site[l->n++] = (uint32_t) index;
    }
  dp_recheck_at (due);
}


/* Are rechecks due at NOW?  Then the walks of this pass find the next
   due time again.  */
int
dp_recheck_take_due (uint64_t now)
{
  int due = dp_recheck_next_ns && dp_recheck_next_ns <= now;
  if (due)
    dp_recheck_next_ns = 0;
  return due;
}

/* The earliest recheck due (0: none).  */
uint64_t
dp_recheck_next_due (void)
{
  return dp_recheck_next_ns;
}

/* Recheck OBJ's listed sites due by NOW; note when the others are.  */
void
dp_recheck_object (struct dp_object *obj, uint64_t now)
{
  struct dp_recheck_list *l = obj->rechecks;
  if (!l)
    return;
  for (uint32_t i = 0; i < l->n; i++)
    {
      const struct dp_site_record *r = obj->begin + l->site[i];
      uint64_t due = dp_recheck_due_ns (dp_state_of (r));
      if (due && due <= now)
	dp_recheck (obj, r);
      else
	dp_recheck_at (due);
    }
}

/* OBJ is going away: drop its recheck list.  */
void
dp_recheck_forget (struct dp_object *obj)
{
  if (obj->rechecks)
    dp_free (obj->rechecks);
  obj->rechecks = NULL;
}
