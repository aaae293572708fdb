/* promote.c - the promotion engine: passes run inside the program's own
   threads (service.c), never in a thread of the runtime's.

   Sampling (learn.c) never blocks and never allocates; when a site has
   learned enough, or misses too often, it sets a request in the site's
   state and asks for a pass, which the same sampled call then runs if no
   other thread is running one.  A pass, under dp_promoter_lock (taken
   with trylock: a pass never waits for a lock), serves every request:

   DECIDE   picks the hot targets: the fewest, up to max-targets, that
            cover DYNPROMOTE_COVERAGE percent of the samples; if even
            max-targets cover less than half, the site is megamorphic and
            goes to the plain indirect jump (no more sampling); without
            retpolines, so does a site the branch predictor is expected
            to predict better than a chain (predicted:
            dp_model_verdict).
            It writes a trampoline into a pool within rel32 reach of the
            site's object, serialises all cores, then points the stub's
            entry at it with one aligned 8-byte store and serialises
            again; a guarded site's hit patch point later jumps to the
            hottest target itself (the guard round).
   RELEARN  points the entry (and the hit patch point) back at the
            learning path, retires the
            trampoline, and lets the site learn again (bounded by
            DYNPROMOTE_MAX_REPATCH and DYNPROMOTE_REPATCH_INTERVAL_MS).
   RECHECK  (no request: the pass asks to run again when one is due) sends
            a megamorphic or
            predicted site back to learning after DYNPROMOTE_RECHECK_MS,
            twice as long after each further time, within the same
            DYNPROMOTE_MAX_REPATCH budget: a verdict holds for the
            samples it was made on, and programs change phase.

   Shared families (DP_FLAG_SHARED: several records, one state) are
   decided, promoted, relearned and made plain as one: the first member
   whose request is taken acts for all, one trampoline serves them (its
   miss and slow paths use that member's stub, which jumps as every
   member's does: the plugin keys the state on the protection mode), and
   every member of the object is routed with one serialisation.

   Retired trampolines are reused, and guarded calls pointed at their
   targets, only after a grace period (quiesce.c), which a pass starts
   and later passes poll without waiting (dp_grace_step); in a
   single-threaded process it ends in the pass that starts it.  Writes go
   through a writable alias of the stub pages and pools that exists only
   until the promoter's lock is released (execmem.c): nothing is ever
   writable and executable at once, and the program's own code is never
   written.

   Core serialisation: membarrier(PRIVATE_EXPEDITED_SYNC_CORE) makes every
   CPU running a thread of ours execute a core-serialising instruction
   before it returns, which is what the SDM's cross-modifying-code
   protocol asks of the executing side; without it (old kernels) an
   mprotect of a private page forces TLB-shootdown IPIs, whose interrupt
   return serialises the same CPUs.  The protocol is in docs/patching.md.  */

#define _GNU_SOURCE
#include <errno.h>
#include <linux/futex.h>
#include <linux/membarrier.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "dp-runtime.h"

volatile int dp_promotion;

/* 0: by build, DP_SLOTS behind a retpoline (a chain of compares, even
   mispredicted, costs less than the thunk; Lua's luaD_precall has eight
   equally hot C functions), DP_DEFAULT_MAX_TARGETS elsewhere (the branch
   predictor does well on what a longer chain would add).  */
volatile uint32_t dp_max_targets = 0;
volatile uint32_t dp_coverage_percent = 90;
volatile uint32_t dp_megamorphic_percent = 50;
volatile uint32_t dp_trust_predictor = 1;
volatile uint32_t dp_repatch_interval_ms = 10;
volatile uint32_t dp_recheck_ms = 100;
volatile uint32_t dp_probe_signal_setting;

static pthread_mutex_t dp_promoter_lock = PTHREAD_MUTEX_INITIALIZER;

/* Set when the promoter must never write code again (a fork whose child
   did not confirm its private copies).  */
static int dp_patching_frozen;

/* Some guarded site waits for a guard round (dp_guard_round).  */
static int dp_guard_pending;

/* CLOCK_MONOTONIC time of the earliest recheck due (0: none), found by
   the promoter's last pass over the sites; it sleeps no longer.  */
static uint64_t dp_recheck_next_ns;

volatile uint64_t dp_request_pages[DP_REQUEST_BITS / 64];

/* The sites of an object a recheck may revisit (megamorphic or predicted
   once): rechecks walk these, not every site.  Indices into the
   object's records; LISTED has a bit per record.  */
struct dp_recheck_list
{
  uint32_t n;
  uint8_t *listed;
  uint32_t site[];
};


/* Shared between a parent and the child it forks: the child sets done
   once its code pages are private copies, and until then the parent
   (holding every runtime lock) writes nothing to the still-shared
   pages.  */
struct dp_fork_gate
{
  int done;
};
static struct dp_fork_gate *dp_fork_gate;
static int dp_sync_core_mode;	/* 1 membarrier, 2 mprotect IPIs */
static void *dp_ipi_page;

/* Trampoline pools: 64 KiB regions cut into 256-byte chunks.  */
#define DP_POOL_SIZE (64u << 10)
#define DP_CHUNK 256u
#define DP_POOL_CHUNKS (DP_POOL_SIZE / DP_CHUNK)

struct dp_pool
{
  struct dp_pool *next;
  struct dp_exec_region *region;
  uint64_t used[DP_POOL_CHUNKS / 64];
  void *jit[DP_POOL_CHUNKS];     /* each chunk's gdb entry (jit.c).  */
};

static struct dp_pool *dp_pools;

/* Executable address of CHUNK of POOL.  */
static uintptr_t
dp_chunk_addr (const struct dp_pool *pool, unsigned chunk)
{
  return pool->region->rx + (uintptr_t) chunk * DP_CHUNK;
}

static void
dp_chunk_free (struct dp_pool *pool, unsigned chunk)
{
  pool->used[chunk / 64] &= ~(1ull << (chunk % 64));
}

/* Trampolines waiting for a grace period before their chunk is reused.  */
struct dp_retired
{
  struct dp_retired *next;
  struct dp_pool *pool;
  unsigned chunk;
};

static struct dp_retired *dp_retired_list;

struct dp_promoter_stats dp_promoter_stats;

/* Make every CPU running one of our threads serialise its instruction
   stream.  */
static void
dp_sync_cores (void)
{
  if (dp_sync_core_mode == 1
      && syscall (SYS_membarrier, MEMBARRIER_CMD_PRIVATE_EXPEDITED_SYNC_CORE,
		  0, 0) == 0)
    return;
  /* Fallback: changing a touched private page's protection shoots down
     its TLB entry on every CPU that runs this mm, by IPI.  */
  if (dp_ipi_page)
    {
      *(volatile char *) dp_ipi_page = 1;
      dp_sys (SYS_mprotect, (long) dp_ipi_page, 4096, PROT_READ, 0, 0, 0);
      dp_sys (SYS_mprotect, (long) dp_ipi_page, 4096,
	      PROT_READ | PROT_WRITE, 0, 0, 0);
    }
}

static void
dp_sync_cores_init (void)
{
  if (syscall (SYS_membarrier,
	       MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED_SYNC_CORE, 0, 0) == 0)
    dp_sync_core_mode = 1;
  else
    {
      dp_sync_core_mode = 2;
      dp_ipi_page = dp_map_private (4096);
    }
}

/* Where the rel32 (or disp32) at REL leads, for an instruction that
   ends at NEXT.  */
static uintptr_t
dp_rel32_target (uintptr_t rel, uintptr_t next)
{
  int32_t disp;
  memcpy (&disp, (const void *) rel, 4);
  return next + (intptr_t) disp;
}

/* Store the aligned 8 bytes at ADDR of an adopted stub page.  */
int
dp_code_store8 (uintptr_t addr, uint64_t value)
{
  struct dp_exec_region *region = dp_execmem_find (addr);
  uint64_t *word = region ? dp_execmem_writable (region, addr) : NULL;
  if (!word)
    return -1;
  __atomic_store_n (word, value, __ATOMIC_RELEASE);
  dp_execmem_changed (addr, 8);
  return 0;
}

/* Every batch of stores ends before the lock is released: the writable
   aliases go with it.  */
static void
dp_promoter_unlock (void)
{
  dp_execmem_seal ();
  pthread_mutex_unlock (&dp_promoter_lock);
}

/* Code patching outside the promoter (static calls) takes the same lock,
   so stores, adoptions and the fork gate are serialised with it.  */
void
dp_code_lock (void)
{
  pthread_mutex_lock (&dp_promoter_lock);
}

void
dp_code_unlock (void)
{
  dp_promoter_unlock ();
}

/* May code be patched now?  Only when the promoter runs (so cores can be
   serialised) and no fork froze patching.  Call with the lock held.  */
int
dp_code_patchable (void)
{
  return dp_promotion && !dp_patching_frozen;
}

void
dp_code_sync (void)
{
  dp_sync_cores ();
}

static int dp_guard_window (const struct dp_object *obj,
			    const struct dp_site_record *rec,
			    struct dp_range *range);

/* Where dp_route_site sends a site.  */
enum dp_dest
{
  DP_DEST_LEARN,           /* the entry's learning path.  */
  DP_DEST_JUMP,            /* the stub's plain indirect jump.  */
  DP_DEST_TRAMPOLINE       /* a trampoline.  */
};

/* The hit patch point of guarded site REC (dynpromote/abi.h), if it
   holds a jump to the entry or to a function (what the plugin emitted,
   or what the runtime wrote): 0 if it does not.  */
static uintptr_t
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

/* Point REC's entry patch point at DEST (T for a trampoline), and a
   guarded site's hit patch point back at the entry (the guard round
   alone points it elsewhere).  Every value a thread can see is a
   correct path to %r11; the caller serialises once for all of them.  */
static void
dp_route_one (struct dp_object *obj, const struct dp_site_record *rec,
	      int dest_kind, uintptr_t t)
{
  uintptr_t entry = (uintptr_t) DP_REL (rec, entry_rel);
  uint64_t entry_value;
  switch (dest_kind)
    {
    case DP_DEST_LEARN:
      entry_value = dp_codegen_entry_learning ();
      break;
    case DP_DEST_JUMP:
      entry_value = dp_codegen_entry_plain (entry);
      break;
    default:
      entry_value = dp_codegen_entry_jump (entry, t);
      break;
    }
  uint64_t *slot = dp_execmem_writable (obj->stubs, entry);
  if (!slot)
    return;			/* the entry keeps a path that is right */
  __atomic_store_n (slot, entry_value, __ATOMIC_RELEASE);
  dp_execmem_changed (entry, 8);
  dp_promoter_stats.patches++;
  dp_state_of (rec)->routed = 1;

  uintptr_t hit = dp_guard_hit_point (rec);
  if (hit && dp_code_store8 (hit, dp_codegen_entry_jump (hit, entry)) == 0)
    dp_promoter_stats.patches++;
}

/* Is M REC itself, or a member of REC's shared family (one state)?  */
static int
dp_same_state (const struct dp_site_record *rec,
	       const struct dp_site_record *m)
{
  return m == rec || ((rec->flags & DP_FLAG_SHARED)
		      && (m->flags & DP_FLAG_SHARED)
		      && dp_state_of (m) == dp_state_of (rec));
}

/* M runs over the records that share REC's state: REC alone, or for a
   shared family every member in OBJ (so a site of its own costs no walk
   over the object's records).  */
#define DP_FOR_EACH_MEMBER(m, obj, rec)					\
  for (const struct dp_site_record *m					\
	 = ((rec)->flags & DP_FLAG_SHARED) ? (obj)->begin : (rec);	\
       m < (((rec)->flags & DP_FLAG_SHARED) ? (obj)->end : (rec) + 1);	\
       m++)								\
    if (dp_same_state (rec, m))

/* Route REC's site (see dp_route_one), or, for a shared family, every
   member of OBJ whose state is REC's, with one serialisation.  */
static void
dp_route_site (struct dp_object *obj, const struct dp_site_record *rec,
	       int dest_kind, uintptr_t t)
{
  struct dp_site_state *st = dp_state_of (rec);
  DP_FOR_EACH_MEMBER (m, obj, rec)
    dp_route_one (obj, m, dest_kind, t);
  dp_sync_cores ();
  st->last_patch_ns = dp_monotonic_ns ();
}

/* The inline guard (dynpromote/abi.h).  A guarded call's hit patch
   point may jump straight to function F only while the guard holds F
   and a grace period has shown that no thread is still between the
   compare and the call having read an older guard.  So a promotion
   writes the guard (the hit point still jumps to the entry, right for
   any target) and marks the site pending; the guard round later runs one
   grace period over the windows of every pending site and then points
   their hit points at their guards.  A relearn points the hit point
   back at the entry first and only then clears the guard.  */

/* The window of guarded site REC: from its compare to the end of its
   call, found by looking back from the call for the compare that reads
   REC's guard (padding and the counter's form vary).  */
static int
dp_guard_window (const struct dp_object *obj,
		 const struct dp_site_record *rec, struct dp_range *range)
{
  if (!(rec->flags & DP_FLAG_GUARDED) || !(rec->flags & DP_FLAG_CALL_KNOWN))
    return -1;
  uintptr_t call = (uintptr_t) DP_REL (rec, call_rel);
  uintptr_t guard = (uintptr_t) &dp_state_of (rec)->guard;
  for (uintptr_t at = call - 7; at + 40 >= call && at >= obj->code_lo; at--)
    {
      const uint8_t *p = (const uint8_t *) at;
      if (p[0] != 0x4c || (p[1] != 0x3b && p[1] != 0x39) || p[2] != 0x1d)
	continue;
      if (dp_rel32_target (at + 3, at + 7) == guard)
	{
	  range->lo = at;
	  range->hi = call + 5;
	  return 0;
	}
    }
  return -1;
}

/* Can the hit point of every site sharing REC's state jump straight to
   TARGET?  */
static int
dp_guard_possible (struct dp_object *obj, const struct dp_site_record *rec,
		   uintptr_t target)
{
  int members = 0;
  DP_FOR_EACH_MEMBER (m, obj, rec)
    {
      struct dp_range range;
      uintptr_t hit = dp_guard_hit_point (m);
      if (dp_guard_window (obj, m, &range) != 0 || !hit
	  || !dp_codegen_reachable (hit + 5, target))
	return 0;
      members++;
    }
  return members > 0;
}

/* After a promotion: set the guard to the hottest target, to be made
   direct by the next guard round.  */
static void
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
static void
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

struct dp_guard_round
{
  struct dp_range *ranges;
  int n, cap;
  int failed;       /* no memory for the ranges.  */
  int ok;           /* the grace period succeeded.  */
  int patched;
};

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
      struct dp_range range;
      if (dp_guard_window (obj, rec, &range) != 0)
	continue;
      if (round->n == round->cap)
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
      round->ranges[round->n++] = range;
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

/* Make OBJ's stub pages runtime memory, once: every stub of the object
   must lie inside them.  Warns once per object if they cannot be.  */
static int
dp_adopt_stubs (struct dp_object *obj)
{
  if (obj->stubs)
    return 0;
  if (obj->adopt_failed)
    return -1;
  int inside = obj->stubs_lo < obj->stubs_hi;
  for (const struct dp_site_record *rec = obj->begin;
       inside && rec < obj->end; rec++)
    {
      uintptr_t entry = (uintptr_t) DP_REL (rec, entry_rel);
      inside = entry + DP_ENTRY_HIT_OFFSET >= obj->stubs_lo
	       && entry + DP_STUB_MIN <= obj->stubs_hi;
    }
  obj->stubs = inside ? dp_execmem_adopt_stubs (obj->stubs_lo,
						  obj->stubs_hi)
		      : NULL;
  if (!obj->stubs)
    {
      char path[512];
      dp_object_path (obj->begin, path, sizeof path);
      dp_warn ("%s: its stubs are not in pages of their own (%s); its"
	       " indirect calls stay unpromoted", path,
	       inside ? strerror (errno) : "a linker script that moves"
	       " the dynpromote_stubs sections?");
      obj->adopt_failed = 1;
      return -1;
    }
  dp_perfmap_add_stubs (obj);
  return 0;
}

static int
dp_pool_reaches (const struct dp_pool *pool, uintptr_t lo, uintptr_t hi)
{
  uintptr_t a = pool->region->rx, b = a + pool->region->size;
  return dp_codegen_reachable (a, hi) && dp_codegen_reachable (b, lo)
	 && dp_codegen_reachable (hi, a) && dp_codegen_reachable (lo, b);
}

/* A free chunk within reach of [LO, HI), or 0.  */
static uintptr_t
dp_chunk_alloc (uintptr_t lo, uintptr_t hi, struct dp_pool **pool_out,
		unsigned *chunk_out)
{
  for (int attempt = 0; attempt < 2; attempt++)
    {
      for (struct dp_pool *pool = dp_pools; pool; pool = pool->next)
	{
	  if (!dp_pool_reaches (pool, lo, hi))
	    continue;
	  for (unsigned i = 0; i < DP_POOL_CHUNKS; i++)
	    if (!(pool->used[i / 64] & (1ull << (i % 64))))
	      {
		pool->used[i / 64] |= 1ull << (i % 64);
		*pool_out = pool;
		*chunk_out = i;
		return dp_chunk_addr (pool, i);
	      }
	}
      if (attempt)
	break;
      struct dp_exec_region *region
	= dp_execmem_pool_near (lo, hi, DP_POOL_SIZE);
      if (!region)
	return 0;
      struct dp_pool *pool = dp_alloc (sizeof *pool);
      if (!pool)
	{
	  dp_execmem_release (region, 1);
	  return 0;
	}
      pool->region = region;
      pool->next = dp_pools;
      dp_pools = pool;
    }
  return 0;
}

static struct dp_pool *
dp_pool_of (uintptr_t addr, unsigned *chunk)
{
  for (struct dp_pool *pool = dp_pools; pool; pool = pool->next)
    if (addr >= pool->region->rx && addr < pool->region->rx + DP_POOL_SIZE)
      {
	*chunk = (unsigned) ((addr - pool->region->rx) / DP_CHUNK);
	return pool;
      }
  return NULL;
}

/* The trampoline at T can no longer be entered: free it after a grace
   period.  */
static void
dp_retire (uintptr_t t)
{
  unsigned chunk;
  struct dp_pool *pool = dp_pool_of (t, &chunk);
  struct dp_retired *r = dp_alloc (sizeof *r);
  if (!pool || !r)
    {
      dp_free (r);
      return;			/* leak the chunk rather than risk reuse */
    }
  r->pool = pool;
  r->chunk = chunk;
  r->next = dp_retired_list;
  dp_retired_list = r;
  dp_promoter_stats.retired++;
}

/* Send the site to the plain indirect jump (for good, unless STATUS is
   one a recheck revisits).  Returns 0, or -1 (nothing changed) if OBJ's
   stubs cannot be made writable.  */
static void dp_recheck_note (struct dp_object *, const struct dp_site_record *);

static int
dp_make_plain (struct dp_object *obj, const struct dp_site_record *rec,
	       int status)
{
  if (dp_adopt_stubs (obj) != 0)
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

struct dp_candidate
{
  uint64_t target;
  uint64_t samples;
};

static int
dp_by_samples (const void *a, const void *b)
{
  const struct dp_candidate *x = a, *y = b;
  return x->samples < y->samples ? 1 : x->samples > y->samples ? -1 : 0;
}

/* The branch-predictor model.  Without retpolines an indirect call is
   predicted by the hardware, and a compare chain only pays off where its
   conditional branches mispredict less often than the indirect branch
   would.  Both are estimated per call for independent draws from the
   learned distribution, as a predictor without usable history sees them
   (bench/shapes fits this to within a few percent on every shape): an
   indirect branch over targets of shares q_j mispredicts as often as a
   last-target predictor, 1 - sum q_j^2; a compare for a target of share
   p, reached by mass r, mispredicts min (p, r - p) (the branch goes the
   likelier way).  Shares are in learned samples; untracked targets
   ("other") count as all distinct.  */

/* Mispredictions of an indirect branch over CAND[FROM..N) and OTHER, in
   samples.  */
static double
dp_model_indirect (const struct dp_candidate *cand, int from, int n,
		   uint64_t other)
{
  double mass = (double) other, squares = 0;
  for (int i = from; i < n; i++)
    {
      mass += (double) cand[i].samples;
      squares += (double) cand[i].samples * (double) cand[i].samples;
    }
  return mass > 0 ? mass - squares / mass : 0;
}

/* Mispredictions of a chain comparing CAND[0..K) in order, then the
   indirect branch for CAND[K..N) and OTHER, in samples (TOTAL: all of
   CAND and OTHER).  */
static double
dp_model_chain (const struct dp_candidate *cand, int k, int n,
		uint64_t other, uint64_t total)
{
  double reach = (double) total, misses = 0;
  for (int i = 0; i < k; i++)
    {
      double p = (double) cand[i].samples;
      misses += p < reach - p ? p : reach - p;
      reach -= p;
    }
  return misses + dp_model_indirect (cand, k, n, other);
}

/* The model's verdict on a site.  */
enum dp_verdict
{
  DP_VERDICT_PROMOTE,      /* a chain does as well, or better.  */
  DP_VERDICT_UNSURE,       /* a chain does as well on these samples, but
			      the estimate is too rough to tell.  */
  DP_VERDICT_PREDICTED     /* the hardware does better.  */
};

/* Does the model expect a chain of up to K of the site's hottest targets
   to save less than DP_MODEL_MIN_GAIN mispredictions per call against
   the hardware's prediction?  Then the site is left to the predictor:
   a promoted call runs the trampoline (a countdown, compares, one more
   taken jump) where a predicted indirect call costs what a direct one
   does, so ties go to the predictor (a monomorphic site saves nothing;
   SQLite's speedtest1, CPU time over plain: 1.049 with ties promoted,
   1.032 without).  If the chain does pay, could more samples say
   otherwise: is its margin within two standard deviations of the
   indirect rate's estimate from TOTAL samples (sqrt (p (1 - p) /
   TOTAL))?  */
#define DP_MODEL_MIN_GAIN 0.05
static enum dp_verdict
dp_model_verdict (const struct dp_candidate *cand, int k, int n,
		  uint64_t other, uint64_t total)
{
  double best = dp_model_chain (cand, 1, n, other, total);
  for (int i = 2; i <= k; i++)
    {
      double c = dp_model_chain (cand, i, n, other, total);
      if (c < best)
	best = c;
    }
  double samples = (double) total;
  double indirect = dp_model_indirect (cand, 0, n, other) / samples;
  double short_by = (indirect - best / samples) - DP_MODEL_MIN_GAIN;
  if (short_by < 0)
    return DP_VERDICT_PREDICTED;
  return short_by * short_by < 4 * indirect * (1 - indirect) / samples
	 ? DP_VERDICT_UNSURE : DP_VERDICT_PROMOTE;
}

/* Can a rel32 (branch or displacement) anywhere in the chunk at T reach
   TO?  */
static int
dp_chunk_reaches (uintptr_t t, uintptr_t to)
{
  return dp_codegen_reachable (t, to)
	 && dp_codegen_reachable (t + DP_CHUNK, to);
}

static void
dp_decide (struct dp_object *obj, const struct dp_site_record *rec)
{
  struct dp_site_state *st = dp_state_of (rec);
  if (st->status != DP_STATUS_LEARNING)
    return;

  struct dp_candidate cand[DP_SLOTS];
  int n = 0;
  for (int i = 0; i < DP_SLOTS; i++)
    {
      uint64_t t = __atomic_load_n (&st->slot[i].target, __ATOMIC_RELAXED);
      if (t)
	{
	  cand[n].target = t;
	  cand[n].samples = __atomic_load_n (&st->slot[i].samples,
					     __ATOMIC_RELAXED);
	  n++;
	}
    }
  qsort (cand, (size_t) n, sizeof cand[0], dp_by_samples);
  int learned = n;
  uint64_t samples = 0;
  for (int i = 0; i < n; i++)
    samples += cand[i].samples;
  samples += st->other;
  if (n == 0 || samples == 0)
    return;

  int max = rec->max_targets ? rec->max_targets : (int) dp_max_targets;
  if (max == 0)
    max = (rec->flags & DP_FLAG_RETPOLINE) ? DP_SLOTS : DP_DEFAULT_MAX_TARGETS;
  if (max > DP_SLOTS)
    max = DP_SLOTS;
  if (n > max)
    n = max;
  uint64_t covered = 0;
  for (int i = 0; i < n; i++)
    covered += cand[i].samples;
  if (covered * 100 < samples * dp_megamorphic_percent)
    {
      if (dp_make_plain (obj, rec, DP_STATUS_MEGAMORPHIC) == 0)
	dp_promoter_stats.megamorphic++;
      return;
    }
  int k = 1;
  covered = cand[0].samples;
  while (k < n && covered * 100 < samples * dp_coverage_percent)
    covered += cand[k++].samples;

  /* Without retpolines, leave to the branch predictor the sites a chain
     would not clearly serve better.  A few dozen samples make some
     sites look better served by a chain than they are (skew8 in a
     quarter of 64-sample windows), so a promotion the estimate is
     unsure of waits for 8 times as many samples.  A site left to the
     predictor is taken at once: a mistake there costs little (the
     predictor is what the plain build has) and a recheck revisits it,
     while every call of a site still learning pays the sampling
     routine.  */
  if (dp_trust_predictor && !(rec->flags & DP_FLAG_RETPOLINE))
    {
      enum dp_verdict verdict = dp_model_verdict (cand, k, learned,
						  st->other, samples);
      if (verdict == DP_VERDICT_UNSURE && !st->hold
	  && st->samples < 8 * (uint64_t) dp_decide_samples)
	{
	  st->hold = 1;
	  return;
	}
      if (verdict == DP_VERDICT_PREDICTED)
	{
	  st->hold = 0;
	  if (dp_make_plain (obj, rec, DP_STATUS_PREDICTED) == 0)
	    dp_promoter_stats.predicted++;
	  return;
	}
    }
  st->hold = 0;

  if (dp_adopt_stubs (obj) != 0)
    {
      st->status = DP_STATUS_NOMEM;
      st->countdown = INT32_MAX;
      return;
    }
  struct dp_pool *pool;
  unsigned chunk;
  uintptr_t t = dp_chunk_alloc (obj->code_lo, obj->code_hi, &pool, &chunk);
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
  for (int i = 0; i < k; i++)
    {
      uintptr_t got = 0, jmp = 0, to = (uintptr_t) cand[i].target;
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
      targets[m++] = cand[i].target;
    }
  st->unreachable = (uint8_t) dropped;
  st->via_plt = (uint8_t) via_plt;
  if (m == 0)
    {
      dp_chunk_free (pool, chunk);
      dp_make_plain (obj, rec, DP_STATUS_UNREACHABLE);
      return;
    }

  /* With the inline guard the hottest target never reaches the
     trampoline (a guard hit takes the call that the guard round points
     at it): the chain starts with the second.  Not for a target reached
     through the PLT: the hit point could only jump to the PLT entry,
     which goes where the GOT slot says, and no compare checks that.  */
  int guarded = !dest[0] && dp_guard_possible (obj, rec, targets[0]);
  uint8_t *buf = dp_execmem_writable (pool->region, t);
  if (!buf)
    {
      /* No writable alias now (out of mappings): the site stays on its
	 learning path, unsampled, like one whose stubs cannot be
	 adopted.  */
      dp_chunk_free (pool, chunk);
      st->status = DP_STATUS_NOMEM;
      st->countdown = INT32_MAX;
      return;
    }
  if (dp_codegen_trampoline (rec, t, targets + guarded, cmp_mem + guarded,
			     dest + guarded, m - guarded, buf) != 0)
    {
      dp_chunk_free (pool, chunk);
      dp_make_plain (obj, rec, DP_STATUS_UNREACHABLE);
      return;
    }
  /* The trampoline's bytes are in place on every core before anything
     can branch to it.  */
  dp_execmem_changed (t, DP_CHUNK);
  dp_sync_cores ();
  /* Named for gdb and perf.  */
  char name[DP_CODE_NAME_MAX];
  size_t size = dp_codegen_trampoline_size (m - guarded);
  dp_code_name (name, sizeof name, "trampoline", rec, 0);
  pool->jit[chunk] = dp_jit_add (t, size, name);
  dp_perfmap_add (t, size, name);

  dp_commit_slots (st, targets, m);
  st->misses = 0;
  st->window = st->window_misses = 0;
  st->expected_miss = (uint32_t) (100 - covered * 100 / samples);
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

static void
dp_relearn (struct dp_object *obj, const struct dp_site_record *rec)
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
  dp_retire (st->trampoline);
  st->trampoline = 0;
  __atomic_store_n (&st->ntargets, 0, __ATOMIC_RELEASE);
  /* Keep the targets that missed (slot[ntargets..]) as a head start.  */
  dp_learn_again (st, 0);
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

/* What a pass serves: the time, the pages of records with requests
   (taken from dp_request_pages), and whether rechecks are due.  */
struct dp_pass_work
{
  uint64_t now;
  uint64_t pages[DP_REQUEST_BITS / 64];
  int rechecks_due;
};

/* Serve OBJ: the requests in its pages of records that have any, and,
   when some recheck is due, the rechecks of its listed sites.  */
static void
dp_serve_object (struct dp_object *obj, void *data)
{
  const struct dp_pass_work *work = data;
  const struct dp_site_record *rec = obj->begin;
  while (rec < obj->end)
    {
      uintptr_t page_end = ((uintptr_t) rec | 4095) + 1;
      const struct dp_site_record *stop = obj->end;
      if ((uintptr_t) stop > page_end)
	stop = rec + (page_end - (uintptr_t) rec + sizeof *rec - 1)
		     / sizeof *rec;
      unsigned bit = dp_request_page_bit (rec);
      if (!(work->pages[bit / 64] & (1ull << (bit % 64))))
	{
	  rec = stop;
	  continue;
	}
      for (; rec < stop; rec++)
	{
	  struct dp_site_state *st = dp_state_of (rec);
	  if (__atomic_load_n (&st->request, __ATOMIC_ACQUIRE)
	      == DP_REQUEST_NONE)
	    continue;
	  uint8_t request = __atomic_exchange_n (&st->request,
						 DP_REQUEST_NONE,
						 __ATOMIC_ACQ_REL);
	  if (request == DP_REQUEST_DECIDE)
	    dp_decide (obj, rec);
	  else if (request == DP_REQUEST_RELEARN)
	    dp_relearn (obj, rec);
	}
    }

  struct dp_recheck_list *l = obj->rechecks;
  if (!work->rechecks_due || !l)
    return;
  for (uint32_t i = 0; i < l->n; i++)
    {
      const struct dp_site_record *r = obj->begin + l->site[i];
      uint64_t due = dp_recheck_due_ns (dp_state_of (r));
      if (due && due <= work->now)
	dp_recheck (obj, r);
      else
	dp_recheck_at (due);
    }
}

/* The grace period in flight covers this batch: the chunks it will free
   and the guard windows it will let the calls go direct.  */
static struct dp_retired *dp_gp_batch;
static struct dp_guard_round dp_gp_round;
static uint64_t dp_gp_retry_ns;	/* no new period before (after a failure) */

#define DP_GP_TIMEOUT_NS 1000000000u
#define DP_GP_POLL_NS 2000000u
#define DP_GP_RETRY_NS 20000000u
#define DP_PASS_RETRY_NS 200000u

/* The retired trampolines of the period in flight are over their grace
   period (OK), or go back to wait for another.  */
static void
dp_grace_reclaim (int ok)
{
  struct dp_retired *batch = dp_gp_batch;
  dp_gp_batch = NULL;
  if (dp_patching_frozen)
    ok = 0;
  while (batch)
    {
      struct dp_retired *r = batch;
      batch = r->next;
      void *chunk = ok ? dp_execmem_writable (r->pool->region,
					      dp_chunk_addr (r->pool,
							     r->chunk))
		       : NULL;
      if (chunk)
	{
	  /* Poison before reuse: a thread that should not be there traps.  */
	  memset (chunk, 0xcc, DP_CHUNK);
	  dp_execmem_changed (dp_chunk_addr (r->pool, r->chunk), DP_CHUNK);
	  dp_jit_remove (r->pool->jit[r->chunk]);
	  r->pool->jit[r->chunk] = NULL;
	  dp_chunk_free (r->pool, r->chunk);
	  dp_promoter_stats.reclaimed++;
	  dp_free (r);
	}
      else
	{
	  r->next = dp_retired_list;
	  dp_retired_list = r;
	}
    }
}

/* The guard windows of the period in flight are over their grace period
   (OK: the armed calls go direct), or their sites wait for another.  */
static void
dp_grace_guards (int ok)
{
  if (dp_patching_frozen)
    ok = 0;
  dp_gp_round.ok = ok;
  if (!dp_patching_frozen)
    dp_registry_each (dp_guard_apply, &dp_gp_round);
  if (dp_gp_round.patched)
    {
      dp_sync_cores ();
      dp_promoter_stats.patches += (uint64_t) dp_gp_round.patched;
    }
  dp_registry_each (dp_guard_settle, &dp_gp_round);
  dp_free (dp_gp_round.ranges);
  memset (&dp_gp_round, 0, sizeof dp_gp_round);
}

/* Which classes of the period in flight are settled (1 guards, 2
   trampolines), and when it started.  */
static int dp_gp_settled;
static uint64_t dp_gp_started_ns;
static uint64_t dp_gp_work_since_ns;	/* work waiting since (0: none) */

/* Settle the classes in DONE not settled yet (successfully), and, if
   the period is over (EXPIRED, or both done), the rest (as failed).  */
static void
dp_grace_settle (int done, int expired)
{
  int over = expired || done == 3;
  if (!(dp_gp_settled & 1) && ((done & 1) || over))
    dp_grace_guards (done & 1);
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
      && (!dp_retired_list && !dp_guard_pending))
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
  dp_gp_batch = dp_retired_list;
  dp_retired_list = NULL;
  memset (&dp_gp_round, 0, sizeof dp_gp_round);
  if (dp_guard_pending && !dp_patching_frozen)
    {
      dp_guard_pending = 0;
      dp_registry_each (dp_guard_collect, &dp_gp_round);
    }
  int windows = dp_gp_round.failed ? 0 : dp_gp_round.n;
  int n = 0;
  for (struct dp_retired *r = dp_gp_batch; r; r = r->next)
    n++;
  int total = windows + n;
  struct dp_range *ranges = total ? dp_alloc ((size_t) total * sizeof *ranges)
				  : NULL;
  if (total && !ranges)
    {
      dp_grace_settle (0, 1);
      return 0;
    }
  if (windows)
    memcpy (ranges, dp_gp_round.ranges, (size_t) windows * sizeof *ranges);
  int i = windows;
  for (struct dp_retired *r = dp_gp_batch; r; r = r->next, i++)
    {
      ranges[i].lo = dp_chunk_addr (r->pool, r->chunk);
      ranges[i].hi = ranges[i].lo + DP_CHUNK;
    }
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

/* One step of the grace period: start one if there is work for it, poll
   the one in flight, and settle what is over.  SELF_SP is the calling
   thread's stack pointer where it entered the runtime.  Returns 1 while
   a period is still in flight.  */
static int
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

/* When the next pass should run without a request: the earliest recheck
   due, and soon while a grace period is in flight or work waits for
   one.  */
static void
dp_schedule_next_pass (int in_flight)
{
  uint64_t due = dp_recheck_next_ns;
  uint64_t now = dp_monotonic_ns ();
  uint64_t soon = 0;
  if (in_flight)
    soon = now + DP_GP_POLL_NS;
  else if (dp_retired_list || dp_guard_pending)
    soon = dp_gp_retry_ns > now ? dp_gp_retry_ns : now + DP_GP_POLL_NS;
  if (soon && (!due || soon < due))
    due = soon;
  dp_service_at (due);
}

/* The work of a pass, with the promoter's and the registry's locks held:
   every request and due recheck served, a step of the grace period, and
   the time of the next pass.  SELF_SP is the calling thread's stack
   pointer where it entered the runtime.  */
static void
dp_pass_locked (uintptr_t self_sp)
{
  uint64_t now = dp_monotonic_ns ();
  if (!dp_patching_frozen)
    {
      /* Take the request bits first: a request made after this is seen
	 by the next pass (its bit is set again after its state).  */
      struct dp_pass_work work;
      work.now = now;
      for (int i = 0; i < DP_REQUEST_BITS / 64; i++)
	work.pages[i] = __atomic_exchange_n (&dp_request_pages[i], 0,
					     __ATOMIC_ACQ_REL);
      work.rechecks_due = dp_recheck_next_ns && dp_recheck_next_ns <= now;
      if (work.rechecks_due)
	dp_recheck_next_ns = 0;
      dp_registry_each (dp_serve_object, &work);
    }
  int in_flight = dp_grace_step (self_sp, 0);
  dp_schedule_next_pass (in_flight);
  dp_perfmap_flush ();
  dp_promoter_stats.passes++;
  dp_promoter_stats.pass_ns += dp_monotonic_ns () - now;
}

/* One pass of the promoter (service.c calls it, signals blocked, on the
   runtime's stack, in the thread whose sampled call found work due).  It
   never waits: if another thread holds the runtime's locks (a dlopen
   registering, a static_call_update, a dump), the work stays for a later
   pass.  */
void
dp_promoter_pass (uintptr_t program_sp)
{
  /* Locks held elsewhere: try again a little later (not at the very next
     sampled call, which would make every thread knock meanwhile).  */
  if (pthread_mutex_trylock (&dp_promoter_lock) != 0)
    {
      dp_service_at (dp_monotonic_ns () + DP_PASS_RETRY_NS);
      return;
    }
  if (!dp_registry_trylock ())
    {
      dp_promoter_unlock ();
      dp_service_at (dp_monotonic_ns () + DP_PASS_RETRY_NS);
      return;
    }
  dp_pass_locked (program_sp);
  dp_registry_unlock ();
  dp_promoter_unlock ();
}

/* A pass for the program's own request (a dump it asked for): the
   decisions and rechecks due by now are made before it looks.  Normal
   context, so it may wait for the locks.  */
void
dp_promoter_pass_now (void)
{
  if (!dp_promotion)
    return;
  pthread_mutex_lock (&dp_promoter_lock);
  dp_registry_lock ();
  dp_pass_locked ((uintptr_t) __builtin_frame_address (0));
  dp_registry_unlock ();
  dp_promoter_unlock ();
}

/* Lock order everywhere: stats, promoter, registry.  Holding them all
   across fork gives the child consistent runtime state; so does waiting
   for a pass under way in another thread to end.  */
static void
dp_atfork_prepare (void)
{
  dp_service_fork_prepare ();
  dp_stats_lock ();
  pthread_mutex_lock (&dp_promoter_lock);
  dp_registry_lock ();
  if (dp_fork_gate)
    __atomic_store_n (&dp_fork_gate->done, 0, __ATOMIC_SEQ_CST);
}

/* Wait (up to 5 s) for the child to have made its code private.  The
   handler cannot tell a failed fork from a slow child; either way, after
   the wait the parent writes no code again.  */
static void
dp_wait_for_child_copy (void)
{
  if (!dp_fork_gate)
    return;
  uint64_t deadline = dp_monotonic_ns () + 5000000000u;
  while (!__atomic_load_n (&dp_fork_gate->done, __ATOMIC_ACQUIRE))
    {
      if (dp_monotonic_ns () > deadline)
	{
	  dp_patching_frozen = 1;
	  return;
	}
      struct timespec ts = { 0, 1000000 };
      syscall (SYS_futex, &dp_fork_gate->done, FUTEX_WAIT, 0, &ts, NULL, 0);
    }
}

static void
dp_atfork_parent (void)
{
  dp_wait_for_child_copy ();
  dp_registry_unlock ();
  dp_promoter_unlock ();
  dp_stats_unlock ();
  dp_service_fork_parent ();
}

/* The child is single-threaded here.  */
static void
dp_atfork_child (void)
{
  dp_fds_after_fork_child ();
  /* If some page is still shared with the parent, neither may write code
     again: the child freezes, and the parent, never told "done", times
     out and freezes too.  */
  if (dp_execmem_after_fork_child () != 0)
    {
      /* write(2): stdio may be locked by a thread that no longer exists
	 in the child.  */
      static const char msg[] = "dynpromote: warning: a forked child"
	" could not make its code private; its calls stay as they are\n";
      dp_patching_frozen = 1;
      if (write (2, msg, sizeof msg - 1) < 0)
	dp_patching_frozen = 1;
    }
  else if (dp_fork_gate)
    {
      __atomic_store_n (&dp_fork_gate->done, 1, __ATOMIC_SEQ_CST);
      syscall (SYS_futex, &dp_fork_gate->done, FUTEX_WAKE, 1, NULL, NULL, 0);
    }
  if (dp_sync_core_mode == 1)
    syscall (SYS_membarrier,
	     MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED_SYNC_CORE, 0, 0);
  /* A grace period in flight looked at the parent's threads: the batch
     goes back to wait for one of the child's, as do the guards.  */
  if (dp_gp_active ())
    {
      dp_grace_settle (0, 1);
      dp_gp_retry_ns = 0;
    }
  dp_perfmap_after_fork_child ();
  dp_registry_unlock ();
  dp_promoter_unlock ();
  dp_stats_unlock ();
  dp_service_fork_child ();
  if (dp_retired_list || dp_guard_pending)
    dp_service_request ();
}

/* Start promoting (from the runtime's constructor): no thread is
   started; passes run in the program's threads (service.c).  */
void
dp_promoter_start (void)
{
  if (!dp_enabled || !dp_execmem_available ())
    return;
  if (dp_service_init () != 0)
    {
      dp_warn ("cannot set up the promoter; indirect calls stay"
	       " unpromoted");
      return;
    }
  dp_sync_cores_init ();
  dp_probe_init ((int) dp_probe_signal_setting);
  /* Raw system calls for the runtime's mappings: a sanitizer's mmap
     interceptor is not ours to go through.  */
  long gate = dp_sys (SYS_mmap, 0, sizeof *dp_fork_gate,
		      PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1,
		      0);
  dp_fork_gate = (unsigned long) gate > -4096ul ? NULL
		 : (struct dp_fork_gate *) gate;
  if (!dp_fork_gate)
    {
      dp_warn ("cannot map the fork gate; indirect calls stay unpromoted");
      return;
    }
  pthread_atfork (dp_atfork_prepare, dp_atfork_parent, dp_atfork_child);
  dp_promotion = 1;
  /* Sites that asked before now, and static calls registered before now
     (a static runtime's constructor may run after the program's), are
     served now.  */
  dp_service_request ();
  dp_static_calls_start ();
}

/* An object is going away: its trampolines are retired.  Called with
   nothing held.  */
void
dp_promoter_forget (struct dp_object *obj)
{
  pthread_mutex_lock (&dp_promoter_lock);
  for (const struct dp_site_record *rec = obj->begin; rec < obj->end; rec++)
    {
      struct dp_site_state *st = dp_state_of (rec);
      if (st->trampoline)
	dp_retire (st->trampoline);
      st->trampoline = 0;
    }
  dp_plt_forget (obj);
  if (obj->rechecks)
    dp_free (obj->rechecks);
  obj->rechecks = NULL;
  /* The stub pages go with the object's mapping; only our record of
     them is ours to drop.  */
  if (obj->stubs)
    dp_execmem_release (obj->stubs, 0);
  obj->stubs = NULL;
  dp_promoter_unlock ();
  dp_service_request ();
}

/* Run a grace period for everything retired now (dynpromote.h); with
   nothing retired it still waits for every thread to be seen once.  The
   program asked to wait: this one does, polling every millisecond, up to
   a second.  */
int
dp_promoter_synchronize (void)
{
  uint64_t deadline = dp_monotonic_ns () + 2 * DP_GP_TIMEOUT_NS;
  int ours = 0, result = -1;
  for (;;)
    {
      pthread_mutex_lock (&dp_promoter_lock);
      dp_registry_lock ();
      uintptr_t sp = (uintptr_t) __builtin_frame_address (0);
      int in_flight;
      /* A period already in flight began before this call: it is seen
	 to its end first, then one of our own runs.  */
      if (!ours && !dp_gp_active ())
	{
	  ours = 1;
	  in_flight = dp_grace_step (sp, 1);
	}
      else
	in_flight = dp_grace_step (sp, 0);
      int done = ours && !in_flight;
      if (done)
	result = dp_retired_list == NULL ? 0 : -1;
      dp_schedule_next_pass (in_flight);
      dp_registry_unlock ();
      dp_promoter_unlock ();
      if (done || dp_monotonic_ns () > deadline)
	break;
      struct timespec ts = { 0, 1000000 };
      nanosleep (&ts, NULL);
    }
  return result;
}

