/* dp-runtime.h - the runtime's internal interfaces.

   init.c      configuration from the environment, process-wide state,
               public API (dynpromote.h)
   registry.c  objects registering and unregistering their site records
   learn.c     the sampled slow path (general registers only, no calls)
   stats.c     the statistics dump
   symbolize.c address -> symbol name, via libelf
   x86_64/sample.S  the register-preserving entry into learn.c  */

#ifndef DP_RUNTIME_H
#define DP_RUNTIME_H

#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "dynpromote/abi.h"

#define DP_HIDDEN __attribute__ ((visibility ("hidden")))

/* Learning state of one site, overlaying its DP_STATE_SIZE bytes.  Only
   countdown is touched by generated code.  */
#define DP_LEARN_SLOTS 5

struct dp_target_slot
{
  uint64_t target;             /* 0 while free.  */
  uint64_t samples;
};

struct dp_site_state
{
  int32_t countdown;           /* DP_STATE_COUNTDOWN_OFFSET.  */
  uint32_t span;               /* calls the current countdown started at.  */
  uint32_t prng;
  uint32_t reserved0;
  uint64_t calls;              /* calls accounted for by past samples.  */
  uint64_t samples;
  uint64_t other;              /* samples of targets with no free slot.  */
  uint64_t reserved1;
  struct dp_target_slot slot[DP_LEARN_SLOTS];
};

_Static_assert (sizeof (struct dp_site_state) == DP_STATE_SIZE,
		"dp_site_state must fill the state the plugin reserves");
_Static_assert (sizeof (struct dp_site_record) == DP_SITE_RECORD_SIZE,
		"dp_site_record layout");

/* Process-wide settings.  Read by learn.c, so plain globals.  */
extern volatile int dp_enabled DP_HIDDEN;
extern volatile uint32_t dp_sample_period DP_HIDDEN;

#define DP_DEFAULT_SAMPLE_PERIOD 1000
#define DP_MAX_SAMPLE_PERIOD 1000000

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

/* registry.c.  */
struct dp_object;
typedef void (*dp_object_visitor) (struct dp_object *, void *);
void dp_registry_lock (void) DP_HIDDEN;
void dp_registry_unlock (void) DP_HIDDEN;
void dp_registry_each (dp_object_visitor, void *) DP_HIDDEN;
void dp_registry_quiet_all (void) DP_HIDDEN;
const struct dp_site_record *dp_object_begin (const struct dp_object *)
  DP_HIDDEN;
const struct dp_site_record *dp_object_end (const struct dp_object *)
  DP_HIDDEN;
void dp_registry_set_exiting (void) DP_HIDDEN;

/* stats.c.  */
void dp_stats_write_object (FILE *, const struct dp_site_record *begin,
			    const struct dp_site_record *end,
			    const char *state) DP_HIDDEN;
void dp_stats_retire_object (const struct dp_site_record *begin,
			     const struct dp_site_record *end) DP_HIDDEN;
void dp_stats_note_refused (const char *path, unsigned abi) DP_HIDDEN;
int dp_stats_write (const char *path) DP_HIDDEN;
extern const char *dp_stats_path DP_HIDDEN;

/* symbolize.c.  */
void dp_symbolize (uintptr_t addr, char *buf, size_t size) DP_HIDDEN;
const char *dp_object_path (const void *addr, char *buf, size_t size)
  DP_HIDDEN;
void dp_symbolize_flush (void) DP_HIDDEN;
int dp_in_main_program (const void *addr) DP_HIDDEN;

/* init.c.  */
void dp_arm_exit_dump (void) DP_HIDDEN;
void dp_warn (const char *fmt, ...) DP_HIDDEN
  __attribute__ ((format (printf, 1, 2)));

#endif /* DP_RUNTIME_H */
