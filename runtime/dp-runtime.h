/* dp-runtime.h - the runtime's internal interfaces, one section per
   file, in layer order: a file may call only files in sections above
   its own (scripts/check-layers, run by make check, holds the runtime
   to it, and docs/architecture.md follows one site through them).

   settings.c  the settings, the promoter's counters, dp_warn
   sys.c       raw system calls
   alloc.c     the promoter's memory (never malloc)
   fds.c       descriptors, only in a helper task: /proc reads, memfds
               (with x86_64/syscall.S: its clone, quiesce.c's sigreturn)
   maps.c      /proc/self/maps
   quiesce.c   grace periods: is any thread inside given code?
   execmem.c   executable memory, writable only during a batch of stores
   x86_64/codegen.c  trampoline and patch-point machine code
   symbolize.c address -> symbol name, via libelf
   jit.c       gdb's JIT interface: names and unwind info for trampolines
   perfmap.c   /tmp/perf-PID.map: names of the runtime's code for perf
   plt.c       an object's own PLT entries, for targets in other objects
   peers.c     other copies of the runtime in the process: one leads
   registry.c  the registered objects and their record indexes
   stats.c     the statistics dump
   service.c   where passes run: the program's threads, our stack
   patch.c     the promoter's lock, 8-byte code stores, core serialisation
   guard.c     the inline guard: its window, arming, the guard round
   route.c     where a stub leads: learning path, plain jump, trampoline
   pools.c     trampoline chunks: allocation, retirement, reclaim
   grace.c     what waits for a grace period, and settling it
   policy.c    the decision: promote, megamorphic, predicted, wait
   promote.c   decisions carried out, relearns, rechecks
   promoter.c  passes: requests served, grace periods stepped
   fork.c      the fork gate and handlers
   static_call.c  static_call keys: trampolines and calls patched
   learn.c     the sampled slow path (general registers only, no calls)
   x86_64/sample.S  the register-preserving entry into learn.c and a pass
   api.c       the constructor, the public API, objects' registration  */

#ifndef DP_RUNTIME_H
#define DP_RUNTIME_H

#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "dynpromote/abi.h"

#define DP_HIDDEN __attribute__ ((visibility ("hidden")))

/* Common to every file: the layout of a site's state, and small
   helpers over records.  */

/* Learning state of one site, overlaying its DP_STATE_SIZE bytes.  Only
   countdown is touched by generated code (the object's sampling routine
   and the trampoline).
   learn.c writes the counters from any thread; the promoter (a pass) owns
   status, ntargets and the slot targets while a site is promoted.  */
#define DP_SLOTS 8
#define DP_DEFAULT_MAX_TARGETS 4   /* without retpolines */

enum dp_site_status
{
  DP_STATUS_LEARNING = 0,
  DP_STATUS_PROMOTED,      /* entry jumps to a trampoline.  */
  DP_STATUS_MEGAMORPHIC,   /* too many targets: plain jump, no sampling
			      until a recheck (promote.c).  */
  DP_STATUS_UNREACHABLE,   /* hot targets out of rel32 reach: plain jump.  */
  DP_STATUS_NOMEM,         /* no executable memory near it: plain jump.  */
  DP_STATUS_PREDICTED      /* no retpolines, and the hardware predicts it
			      better than a compare chain would: plain
			      jump, no sampling until a recheck.  */
};

enum dp_site_request
{
  DP_REQUEST_NONE = 0,
  DP_REQUEST_DECIDE,       /* learning has enough samples.  */
  DP_REQUEST_RELEARN       /* promoted, but misses too often.  */
};

struct dp_target_slot
{
  uint64_t target;         /* 0 while free.  */
  uint64_t samples;        /* learning: samples; promoted: hits.  */
};

struct dp_site_state
{
  int32_t countdown;       /* DP_STATE_COUNTDOWN_OFFSET.  */
  uint32_t span;           /* calls the current countdown started at.  */
  uint64_t guard;          /* DP_STATE_GUARD_OFFSET: the inline guard.  */
  uint64_t direct_hits;    /* DP_STATE_HITS_OFFSET: guard hits (calls).  */
  uint32_t prng;
  uint8_t status;          /* enum dp_site_status.  */
  uint8_t request;         /* enum dp_site_request.  */
  uint8_t ntargets;        /* promoted targets, in slot[0..ntargets).  */
  uint8_t unreachable;     /* hot targets left out: out of rel32 reach,
			      and no PLT entry for them (plt.c).  */
  uint64_t calls;          /* calls accounted for by past samples.  */
  uint64_t samples;        /* samples since learning (re)started.  */
  uint64_t other;          /* samples whose target found no free slot.  */
  uint64_t misses;         /* promoted samples that matched no target.  */
  uint64_t total_samples;
  uint16_t promotions;
  uint16_t repatches;      /* times a promoted site learned again.  */
  uint16_t window;         /* samples in the current miss-rate window.  */
  uint16_t window_misses;
  struct dp_target_slot slot[DP_SLOTS];
  uint64_t trampoline;     /* executable address, 0 if none.  */
  uint64_t last_patch_ns;  /* CLOCK_MONOTONIC of the last patch.  */
  uint64_t window_hits;    /* direct_hits when the window started.  */
  uint32_t expected_miss;  /* percent of misses the decision expected.  */
  uint8_t routed;          /* the entry was ever redirected.  */
  uint8_t direct;          /* enum dp_direct.  */
  uint16_t learned[DP_SLOTS];  /* samples each promoted slot was decided
				  on (saturated).  */
  uint8_t via_plt;         /* promoted targets reached through the
			      object's own PLT entry (far: plt.c).  */
  uint8_t hold;            /* a decision for the branch predictor waits
			      for 8x dp_decide_samples samples.  */
};

/* Whether a guarded site's hit patch point jumps straight to its
   hottest target (the guard's value), skipping entry and trampoline.  */
enum dp_direct
{
  DP_DIRECT_NONE = 0,      /* the hit point jumps to the entry.  */
  DP_DIRECT_PENDING,       /* guard written; waits for a grace period.  */
  DP_DIRECT_ARMED,         /* in the grace period now running.  */
  DP_DIRECT_ON             /* the hit point jumps to the guard's target.  */
};

_Static_assert (sizeof (struct dp_site_state) == DP_STATE_SIZE,
		"dp_site_state must fill the state the plugin reserves");
_Static_assert (__builtin_offsetof (struct dp_site_state, guard)
		== DP_STATE_GUARD_OFFSET, "guard offset");
_Static_assert (__builtin_offsetof (struct dp_site_state, direct_hits)
		== DP_STATE_HITS_OFFSET, "hit counter offset");
_Static_assert (sizeof (struct dp_site_record) == DP_SITE_RECORD_SIZE,
		"dp_site_record layout");
_Static_assert (sizeof (struct dp_site_loc) == DP_SITE_LOC_SIZE,
		"dp_site_loc layout");
_Static_assert (__builtin_offsetof (struct dp_site_record, state_rel) == 4,
		"state_rel never moves");

static inline struct dp_site_state *
dp_state_of (const struct dp_site_record *rec)
{
  return (struct dp_site_state *) DP_REL (rec, state_rel);
}

/* Stop sampling a site (runtime off, or a record we cannot read).  */
static inline void
dp_quiet_site (const struct dp_site_record *rec)
{
  dp_state_of (rec)->countdown = INT32_MAX;
}

/* Is M REC itself, or a member of REC's shared family (one state)?  */
static inline int
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

/* The longest entry stub from its entry (an inline retpoline's: 13 +
   18, padded), for names; a stub's shortest is its call and a 3-byte
   jump.  */
#define DP_STUB_MAX 32
#define DP_STUB_MIN (DP_ENTRY_JUMP_OFFSET + 3)

/* An address range [lo, hi).  */
struct dp_range
{
  uintptr_t lo, hi;
};

struct dp_object;
struct dp_exec_region;

/* settings.c: the bottom.  Read by learn.c too: plain globals.  */
extern volatile int dp_enabled DP_HIDDEN;
extern int dp_learn_only DP_HIDDEN;                    /* DYNPROMOTE=learn */
extern volatile int dp_promotion DP_HIDDEN;            /* promoter running */
extern volatile uint32_t dp_sample_period DP_HIDDEN;   /* promoted sites */
extern volatile uint32_t dp_learn_period DP_HIDDEN;    /* learning sites */
extern volatile uint32_t dp_decide_samples DP_HIDDEN;
extern volatile uint32_t dp_relearn_percent DP_HIDDEN;
extern volatile uint32_t dp_relearn_window DP_HIDDEN;
extern volatile uint32_t dp_max_repatch DP_HIDDEN;
extern volatile uint32_t dp_max_targets DP_HIDDEN;
extern volatile uint32_t dp_coverage_percent DP_HIDDEN;
extern volatile uint32_t dp_megamorphic_percent DP_HIDDEN;
extern volatile uint32_t dp_trust_predictor DP_HIDDEN;
extern volatile uint32_t dp_repatch_interval_ms DP_HIDDEN;
extern volatile uint32_t dp_recheck_ms DP_HIDDEN;
extern volatile uint32_t dp_probe_signal_setting DP_HIDDEN;
extern volatile uint32_t dp_gdb_jit DP_HIDDEN;      /* DYNPROMOTE_GDB_JIT */
extern volatile uint32_t dp_perf_map DP_HIDDEN;     /* DYNPROMOTE_PERF_MAP */
extern const char *dp_stats_path DP_HIDDEN;         /* DYNPROMOTE_STATS */
extern const char *dp_profile_path DP_HIDDEN;       /* DYNPROMOTE_PROFILE */
#define DP_DEFAULT_SAMPLE_PERIOD 1000
/* Every call of a learning site already goes through the object's
   sampling routine (a call, four loads, a decrement), so sampling more
   of them costs little more and ends learning sooner: SQLite's
   speedtest1 --size 5 executes 628.0M instructions at a period of 16,
   624.9M at 4.  */
#define DP_DEFAULT_LEARN_PERIOD 4
#define DP_DEFAULT_DECIDE_SAMPLES 64
#define DP_MAX_SAMPLE_PERIOD 1000000

struct dp_promoter_stats
{
  uint64_t promotions, relearns, megamorphic, predicted, rechecks, patches;
  uint64_t retired, reclaimed, grace_periods, grace_ns;
  uint64_t passes, pass_ns;  /* promoter passes (promoter.c) and their time */
  uint64_t write_maps;       /* writable aliases mapped (execmem.c) */
};
extern struct dp_promoter_stats dp_promoter_stats DP_HIDDEN;
void dp_settings_read (void) DP_HIDDEN;
void dp_warn (const char *fmt, ...) DP_HIDDEN
  __attribute__ ((format (printf, 1, 2)));

/* sys.c.  */
long dp_sys (long nr, long a, long b, long c, long d, long e, long f)
  DP_HIDDEN;

/* alloc.c: memory for the promoter, never from malloc.  */
void *dp_alloc (size_t size) DP_HIDDEN;
void *dp_map_private (size_t size) DP_HIDDEN;
void dp_unmap_private (void *p, size_t size) DP_HIDDEN;
void dp_free (void *p) DP_HIDDEN;
void *dp_realloc (void *p, size_t old_size, size_t size) DP_HIDDEN;

/* fds.c: descriptors only in a helper task with a table of its own.  */
int dp_private_call (int (*fn) (void *), void *arg) DP_HIDDEN;
/* x86_64/syscall.S, part of fds.c's layer: the clone system call
   itself, whose new task runs dp_helper_main (JOB) on STACK_TOP and
   exits (tid, or -errno); and the return from a handler installed with
   the raw rt_sigaction (quiesce.c), named as C libraries name theirs, so
   that gdb recognises its frame.  */
long dp_clone_helper (long flags, void *stack_top, int *parent_tid,
		      int *child_tid, void *job) DP_HIDDEN;
int dp_helper_main (void *job) DP_HIDDEN;
void __restore_rt (void) DP_HIDDEN;
void dp_fds_after_fork_child (void) DP_HIDDEN;
int dp_single_threaded (void) DP_HIDDEN;
struct dp_proc_read
{
  char path[64];
  char *buf;
  size_t size;
  long len;
  int gone;                /* could not be opened (the thread is gone).  */
};
int dp_proc_read_many (struct dp_proc_read *reads, int n) DP_HIDDEN;
long dp_proc_read_file (const char *path, char *buf, size_t size)
  DP_HIDDEN;
int dp_list_threads (int *tids, int cap) DP_HIDDEN;

/* maps.c: /proc/self/maps, read through fds.c.  */
int dp_maps_range_is_text (uintptr_t lo, uintptr_t hi) DP_HIDDEN;
int dp_maps_free_gaps (uintptr_t min, uintptr_t max, uintptr_t size,
		       uintptr_t near, uintptr_t *out, int cap) DP_HIDDEN;

/* quiesce.c: grace periods, the mechanism: is any thread inside given
   ranges of code?  */
int dp_gp_begin (const struct dp_range *ranges, int n, int split) DP_HIDDEN;
int dp_gp_poll (uintptr_t self_sp, uint64_t timeout_ns, int *expired)
  DP_HIDDEN;
int dp_gp_active (void) DP_HIDDEN;
void dp_gp_end (void) DP_HIDDEN;
uint64_t dp_monotonic_ns (void) DP_HIDDEN;
void dp_probe_init (int signo) DP_HIDDEN;
extern int dp_probe_signal DP_HIDDEN;

/* execmem.c: executable memory, never writable and executable at once;
   writable aliases exist only between a first store and the end of the
   promoter's batch (dp_execmem_seal).  */
enum dp_region_kind
{
  DP_REGION_STUBS,         /* an object's stub pages, moved to our memory.  */
  DP_REGION_POOL           /* fresh memory for trampolines.  */
};

struct dp_exec_region
{
  struct dp_exec_region *next;
  uintptr_t rx;            /* executable view.  */
  char *rw;                /* writable alias while open, else NULL.  */
  size_t size;
  int kind;
  int users;               /* stub pages: the promoter, static calls.  */
};

int dp_execmem_available (void) DP_HIDDEN;
struct dp_exec_region *dp_execmem_adopt_stubs (uintptr_t lo, uintptr_t hi)
  DP_HIDDEN;
struct dp_exec_region *dp_execmem_pool_near (uintptr_t lo, uintptr_t hi,
					     size_t size) DP_HIDDEN;
struct dp_exec_region *dp_execmem_find (uintptr_t addr) DP_HIDDEN;
void *dp_execmem_writable (struct dp_exec_region *, uintptr_t addr)
  DP_HIDDEN;
void dp_execmem_seal (void) DP_HIDDEN;
void dp_execmem_changed (uintptr_t addr, size_t len) DP_HIDDEN;
void dp_execmem_release (struct dp_exec_region *, int unmap_exec) DP_HIDDEN;
int dp_execmem_after_fork_child (void) DP_HIDDEN;

/* x86_64/codegen.c: the machine code of trampolines and patch-point
   values.  */
int dp_codegen_reachable (uintptr_t from_next, uintptr_t to) DP_HIDDEN;
size_t dp_codegen_trampoline_size (int n) DP_HIDDEN;
/* How the chain reaches target i: CMP_MEM[i] is the quad compared with
   %r11 and DEST[i] where the je goes; 0 (or a NULL array) means the
   trampoline's own slot and the target itself.  */
int dp_codegen_trampoline (const struct dp_site_record *rec, uintptr_t t,
			   const uint64_t *targets, const uintptr_t *cmp_mem,
			   const uintptr_t *dest, int n, uint8_t *buf)
  DP_HIDDEN;
uint64_t dp_codegen_entry_learning (void) DP_HIDDEN;
uint64_t dp_codegen_entry_jump (uintptr_t entry, uintptr_t to) DP_HIDDEN;
uint64_t dp_codegen_entry_plain (uintptr_t entry) DP_HIDDEN;

/* symbolize.c: addresses to names and objects, via libelf and the
   dynamic linker.  */
void dp_symbolize (uintptr_t addr, char *buf, size_t size) DP_HIDDEN;
const char *dp_object_path (const void *addr, char *buf, size_t size)
  DP_HIDDEN;
void dp_symbolize_flush (void) DP_HIDDEN;
int dp_in_main_program (const void *addr) DP_HIDDEN;
void dp_object_code_range (struct dp_object *obj) DP_HIDDEN;
const char *dp_object_build_id (const struct dp_object *obj, char *hex,
				size_t size) DP_HIDDEN;
int dp_object_offset (const void *in_object, uintptr_t addr,
		      uintptr_t *off) DP_HIDDEN;
int dp_object_bias (const void *in_object, uintptr_t *bias) DP_HIDDEN;
uintptr_t dp_symbol_address (const void *in_object, const char *name)
  DP_HIDDEN;

/* jit.c: the trampolines, named for gdb (its JIT interface).  Under
   the promoter's lock.  */
void *dp_jit_add (uintptr_t addr, size_t size, const char *name) DP_HIDDEN;
void dp_jit_remove (void *handle) DP_HIDDEN;
/* The name of code of site REC: dynpromote.KIND:[FUNC:]FILE:LINE.  */
#define DP_CODE_NAME_MAX 512
void dp_code_name (char *buf, size_t size, const char *kind,
		   const struct dp_site_record *rec, int with_func) DP_HIDDEN;

/* perfmap.c: /tmp/perf-PID.map, written at the end of each pass.  Under
   the promoter's lock.  */
void dp_perfmap_add (uintptr_t addr, size_t size, const char *name)
  DP_HIDDEN;
void dp_perfmap_add_stubs (const struct dp_object *obj) DP_HIDDEN;
void dp_perfmap_flush (void) DP_HIDDEN;
void dp_perfmap_after_fork_child (void) DP_HIDDEN;

/* plt.c: under the promoter's lock.  */
int dp_plt_route (struct dp_object *obj, uintptr_t target, uintptr_t *got,
		  uintptr_t *jmp) DP_HIDDEN;
void dp_plt_forget (struct dp_object *obj) DP_HIDDEN;

/* peers.c: other copies of the runtime in the process; one leads.  */
void dp_peer_init (void) DP_HIDDEN;
int dp_peer_serve (void) DP_HIDDEN;
int dp_peer_writes_dump (void) DP_HIDDEN;
uint32_t dp_peer_plain_others (char *path, size_t size, uint32_t *objects)
  DP_HIDDEN;

/* registry.c: the registered objects.  One struct per object, in the
   object's own slot.  */
struct dp_object
{
  /* Read by the object's sampling routine (dynpromote/abi.h): the
     record index (NULL until built, and again once the object leaves
     or the runtime is off), its base, and the first record.  */
  const int32_t *index;
  uintptr_t stubs_lo;            /* its stub pages (registration).  */
  const struct dp_site_record *begin;
  uint32_t magic;
  uint32_t abi;
  struct dp_object *next;
  const struct dp_site_record *end;
  uintptr_t stubs_hi;
  size_t index_size;             /* bytes of dp_alloc memory at index.  */
  /* Owned by the promoter.  */
  struct dp_exec_region *stubs;  /* the stub pages, once adopted.  */
  uintptr_t code_lo, code_hi;    /* the object's mapped range.  */
  int adopt_failed;
  /* Its program headers (registration), for plt.c.  */
  int phnum;
  uintptr_t bias;
  const void *phdr;
  struct dp_plt_index *plt;      /* plt.c, built on first use.  */
  struct dp_recheck_list *rechecks; /* sites a recheck may revisit.  */
};

typedef void (*dp_object_visitor) (struct dp_object *, void *);
void dp_registry_lock (void) DP_HIDDEN;
int dp_registry_trylock (void) DP_HIDDEN;
void dp_registry_unlock (void) DP_HIDDEN;
void dp_registry_each (dp_object_visitor, void *) DP_HIDDEN;
void dp_registry_quiet_all (void) DP_HIDDEN;
const struct dp_site_record *dp_object_begin (const struct dp_object *)
  DP_HIDDEN;
const struct dp_site_record *dp_object_end (const struct dp_object *)
  DP_HIDDEN;
void dp_registry_set_exiting (void) DP_HIDDEN;
void dp_registry_watch_exit (void) DP_HIDDEN;
struct dp_object *dp_registry_claim (void *slot, unsigned abi,
				     const void *begin, const void *end,
				     const void *stubs_lo,
				     const void *stubs_hi) DP_HIDDEN;
void dp_registry_add (struct dp_object *obj, int serve) DP_HIDDEN;
void dp_registry_quiet_object (struct dp_object *obj) DP_HIDDEN;
struct dp_object *dp_registry_remove (void *slot, const int32_t **index,
				      int *exiting) DP_HIDDEN;
void dp_registry_release (struct dp_object *obj, const int32_t *index)
  DP_HIDDEN;

/* stats.c: the statistics dump.  */
void dp_stats_write_object (FILE *, const struct dp_object *obj,
			    const char *state) DP_HIDDEN;
void dp_stats_retire_object (const struct dp_object *obj) DP_HIDDEN;
const char *dp_site_kind_name (const struct dp_site_record *rec) DP_HIDDEN;
void dp_stats_note_refused (const char *path, unsigned abi) DP_HIDDEN;
int dp_stats_write (const char *path, int from_env) DP_HIDDEN;
void dp_stats_lock (void) DP_HIDDEN;
void dp_stats_unlock (void) DP_HIDDEN;
void dp_arm_exit_dump (void) DP_HIDDEN;

/* service.c: where and when passes run (in the program's threads).
   learn.c sets dp_service_wanted for a request, and compares the
   time-stamp counter with dp_service_due_tsc for timed work.  */
extern volatile int dp_service_wanted DP_HIDDEN;
extern volatile uint64_t dp_service_due_tsc DP_HIDDEN;
extern volatile int dp_service_busy DP_HIDDEN;
extern volatile int dp_service_hold DP_HIDDEN;
int dp_service_init (void) DP_HIDDEN;
void dp_service_request (void) DP_HIDDEN;
void dp_service_at (uint64_t due_ns) DP_HIDDEN;
int dp_service_begin (void) DP_HIDDEN;
void dp_service_fork_prepare (void) DP_HIDDEN;
void dp_service_fork_parent (void) DP_HIDDEN;
void dp_service_fork_child (void) DP_HIDDEN;

/* patch.c: how code is written.  The promoter's lock is dp_code_lock;
   every store is made under it, static calls' too.  */
void dp_code_sync_init (void) DP_HIDDEN;
void dp_code_sync_after_fork_child (void) DP_HIDDEN;
void dp_code_sync (void) DP_HIDDEN;
int dp_code_store8 (uintptr_t addr, uint64_t value) DP_HIDDEN;
void dp_code_lock (void) DP_HIDDEN;
int dp_code_trylock (void) DP_HIDDEN;
void dp_code_unlock (void) DP_HIDDEN;
void dp_code_freeze (void) DP_HIDDEN;
int dp_code_frozen (void) DP_HIDDEN;
int dp_code_patchable (void) DP_HIDDEN;

/* guard.c: the inline guard.  Under the promoter's lock.  */
uintptr_t dp_guard_hit_point (const struct dp_site_record *rec) DP_HIDDEN;
int dp_guard_possible (struct dp_object *obj,
		       const struct dp_site_record *rec, uintptr_t target)
  DP_HIDDEN;
void dp_guard_arm (const struct dp_site_record *rec, uintptr_t target)
  DP_HIDDEN;
void dp_guard_clear (struct dp_site_state *st) DP_HIDDEN;
int dp_guard_waiting (void) DP_HIDDEN;
int dp_guard_round_begin (const struct dp_range **windows) DP_HIDDEN;
void dp_guard_round_end (int ok) DP_HIDDEN;

/* route.c: where a site's stub leads.  Under the promoter's lock.  */
enum dp_dest
{
  DP_DEST_LEARN,           /* the entry's learning path.  */
  DP_DEST_JUMP,            /* the stub's plain indirect jump.  */
  DP_DEST_TRAMPOLINE       /* a trampoline.  */
};
int dp_route_adopt_stubs (struct dp_object *obj) DP_HIDDEN;
void dp_route_site (struct dp_object *obj, const struct dp_site_record *rec,
		    enum dp_dest dest, uintptr_t t) DP_HIDDEN;

/* pools.c: trampoline chunks.  Under the promoter's lock.  */
#define DP_CHUNK 256u              /* bytes a trampoline may take.  */
struct dp_pool;
struct dp_retired_chunk;
struct dp_chunk
{
  struct dp_pool *pool;
  unsigned index;
};
uintptr_t dp_chunk_alloc (uintptr_t lo, uintptr_t hi, struct dp_chunk *out)
  DP_HIDDEN;
int dp_chunk_reaches (uintptr_t t, uintptr_t to) DP_HIDDEN;
uint8_t *dp_chunk_writable (const struct dp_chunk *c) DP_HIDDEN;
void dp_chunk_name (const struct dp_chunk *c, size_t size, const char *name)
  DP_HIDDEN;
void dp_chunk_free (const struct dp_chunk *c) DP_HIDDEN;
void dp_pools_retire (uintptr_t t) DP_HIDDEN;
int dp_pools_retired_any (void) DP_HIDDEN;
struct dp_retired_chunk *dp_pools_take_retired (void) DP_HIDDEN;
int dp_pools_batch_ranges (const struct dp_retired_chunk *batch,
			   struct dp_range *ranges) DP_HIDDEN;
void dp_pools_reclaim (struct dp_retired_chunk *batch, int ok) DP_HIDDEN;

/* grace.c: what waits for a grace period.  Under the promoter's lock.  */
#define DP_GP_TIMEOUT_NS 1000000000u
int dp_grace_step (uintptr_t self_sp, int even_if_empty) DP_HIDDEN;
uint64_t dp_grace_next_ns (int in_flight, uint64_t now) DP_HIDDEN;
int dp_grace_wanted (void) DP_HIDDEN;
void dp_grace_after_fork_child (void) DP_HIDDEN;

/* policy.c: the decision on a site that has learned enough.  */
enum dp_decision_kind
{
  DP_DECISION_NONE,         /* nothing to decide on, or wait for more.  */
  DP_DECISION_MEGAMORPHIC,  /* too many targets: the plain jump.  */
  DP_DECISION_PREDICTED,    /* the branch predictor does better.  */
  DP_DECISION_PROMOTE       /* a trampoline for the decision's targets.  */
};
struct dp_decision
{
  int k;                        /* targets to promote, hottest first.  */
  uint64_t targets[DP_SLOTS];
  uint32_t expected_miss;       /* percent of samples they leave out.  */
};
enum dp_decision_kind dp_policy_decide (const struct dp_site_record *rec,
					struct dp_site_state *st,
					struct dp_decision *d) DP_HIDDEN;

/* promote.c: a site's changes of state.  Under the promoter's lock.  */
void dp_promote_decide (struct dp_object *obj,
			const struct dp_site_record *rec) DP_HIDDEN;
void dp_promote_relearn (struct dp_object *obj,
			 const struct dp_site_record *rec) DP_HIDDEN;
int dp_recheck_take_due (uint64_t now) DP_HIDDEN;
uint64_t dp_recheck_next_due (void) DP_HIDDEN;
void dp_recheck_object (struct dp_object *obj, uint64_t now) DP_HIDDEN;
void dp_recheck_forget (struct dp_object *obj) DP_HIDDEN;

/* promoter.c: passes.  Where requests wait (learn.c sets, a pass
   takes): one bit per page of site records, hashed into a fixed bitmap;
   a pass reads only the records of pages whose bit is set.  A collision
   costs a page read.  */
#define DP_REQUEST_LOG2 10
#define DP_REQUEST_BITS (1 << DP_REQUEST_LOG2)
extern volatile uint64_t dp_request_pages[DP_REQUEST_BITS / 64] DP_HIDDEN;

static inline unsigned
dp_request_page_bit (const void *rec)
{
  uint32_t page = (uint32_t) ((uintptr_t) rec >> 12);
  return (page * 2654435761u) >> (32 - DP_REQUEST_LOG2);
}

void dp_promoter_pass (uintptr_t program_sp) DP_HIDDEN;
void dp_promoter_run (uintptr_t program_sp) DP_HIDDEN;
void dp_promoter_pass_now (void) DP_HIDDEN;
void dp_promoter_decide_now (struct dp_object *obj,
			     const struct dp_site_record *const *recs,
			     size_t n) DP_HIDDEN;

/* profile.c: warm start from DYNPROMOTE_PROFILE.  */
void dp_profile_load (void) DP_HIDDEN;
void dp_profile_apply (struct dp_object *obj) DP_HIDDEN;
void dp_promoter_forget (struct dp_object *) DP_HIDDEN;
int dp_promoter_synchronize (void) DP_HIDDEN;

/* fork.c.  */
int dp_fork_init (void) DP_HIDDEN;

/* static_call.c.  */
void dp_static_calls_start (void) DP_HIDDEN;

/* learn.c: dp_learn_sample, declared there (x86_64/sample.S calls it).
   x86_64/sample.S and api.c: nothing here (the top).  */

#endif /* DP_RUNTIME_H */
