/* api.c - the top of the runtime: every way into it from outside but the
   sampling path (x86_64/sample.S) and static calls (static_call.c).

   Owns: the constructor (settings read, promotion started), the public
   API (dynpromote.h), and the calls each object's constructor and
   destructor make (__dynpromote_register, __dynpromote_unregister:
   dynpromote/abi.h), with the symbol a link without this runtime is
   told about.

   May not: be called by any other file of the runtime; it calls down
   into all of them.  */

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "dp-runtime.h"
#include "dynpromote.h"

/* Start promoting: no thread is started; passes run in the program's
   threads (service.c, promoter.c).  */
static void
dp_promotion_start (void)
{
  if (!dp_enabled || !dp_execmem_available ())
    return;
  if (dp_service_init () != 0)
    {
      dp_warn ("cannot set up the promoter; indirect calls stay"
	       " unpromoted");
      return;
    }
  dp_code_sync_init ();
  dp_probe_init ((int) dp_probe_signal_setting);
  if (dp_fork_init () != 0)
    return;
  dp_promotion = 1;
  /* Sites that asked before now, and static calls registered before now
     (a static runtime's constructor may run after the program's), are
     served now.  */
  dp_service_request ();
  dp_static_calls_start ();
}

static void
dp_profile_apply_visit (struct dp_object *obj, void *data)
{
  (void) data;
  dp_profile_apply (obj);
}

/* Priority 101: before the application's own prioritised constructors
   when linked statically; a shared libdynpromote runs before the objects
   that depend on it anyway.  */
__attribute__ ((constructor (101))) static void
dp_init (void)
{
  int saved_errno = errno;	/* C: 0 when main starts */
  dp_settings_read ();
  dp_profile_load ();
  if (dp_stats_path)
    dp_peer_init ();
  dp_arm_exit_dump ();
  dp_registry_watch_exit ();
  if (!dp_enabled)
    dp_registry_quiet_all ();
  else if (!dp_learn_only)
    {
      dp_promotion_start ();
      /* Objects that registered before this constructor (a static
	 runtime's) start from the profile too.  */
      dp_registry_each (dp_profile_apply_visit, NULL);
    }
  errno = saved_errno;
}

int
dynpromote_enabled (void)
{
  return dp_enabled;
}

int
dynpromote_get_counters (struct dynpromote_counters *counters)
{
  if (!counters)
    {
      errno = EINVAL;
      return -1;
    }
  const struct dp_promoter_stats *ps = &dp_promoter_stats;
  counters->promotions = __atomic_load_n (&ps->promotions, __ATOMIC_RELAXED);
  counters->relearns = __atomic_load_n (&ps->relearns, __ATOMIC_RELAXED);
  counters->megamorphic = __atomic_load_n (&ps->megamorphic,
					   __ATOMIC_RELAXED);
  counters->patches = __atomic_load_n (&ps->patches, __ATOMIC_RELAXED);
  counters->grace_periods = __atomic_load_n (&ps->grace_periods,
					     __ATOMIC_RELAXED);
  counters->reclaimed = __atomic_load_n (&ps->reclaimed, __ATOMIC_RELAXED);
  return 0;
}

int
dynpromote_synchronize (void)
{
  return dp_promoter_synchronize ();
}

int
dynpromote_dump_stats (const char *path)
{
  if (!path)
    {
      errno = EINVAL;
      return -1;
    }
  dp_promoter_pass_now ();
  return dp_stats_write (path, 0);
}

/* The symbol every object with sites refers to first, named for the fix
   a link without this runtime needs (dynpromote/abi.h).  Defined in
   assembly: its name has spaces, which only a quoted symbol can have.  */
#define DP_QUOTED_LINK_CHECK "\"" DP_LINK_CHECK_SYMBOL "\""
__asm__ (".pushsection .rodata.dynpromote.link,\"a\",@progbits\n"
	 "\t.globl " DP_QUOTED_LINK_CHECK "\n"
	 "\t.type " DP_QUOTED_LINK_CHECK ", @object\n"
	 "\t.size " DP_QUOTED_LINK_CHECK ", 1\n"
	 DP_QUOTED_LINK_CHECK ":\n"
	 "\t.byte 0\n"
	 "\t.popsection");

void __dynpromote_register (unsigned abi, void *slot, const void *begin,
			    const void *end, const void *stubs_lo,
			    const void *stubs_hi);
void __dynpromote_unregister (void *slot);

/* An object's constructor registers its sites (registry.c).  */
void
__dynpromote_register (unsigned abi, void *slot, const void *begin,
		       const void *end, const void *stubs_lo,
		       const void *stubs_hi)
{
  if (abi != DYNPROMOTE_ABI_VERSION)
    {
      char path[512];
      dp_object_path (begin, path, sizeof path);
      fprintf (stderr,
	       "dynpromote: error: %s was built for runtime ABI %u, but this "
	       "libdynpromote speaks ABI %d; its indirect calls stay plain\n",
	       path, abi, DYNPROMOTE_ABI_VERSION);
      dp_stats_note_refused (path, abi);
      return;
    }

  struct dp_object *obj = dp_registry_claim (slot, abi, begin, end,
					     stubs_lo, stubs_hi);
  if (!obj)
    return;
  /* Another copy of the runtime may serve the process (peers.c).  */
  int serve = dp_enabled && dp_peer_serve ();
  dp_registry_add (obj, serve);

  /* Only here (a constructor) may dl_iterate_phdr be used: see
     symbolize.c.  */
  dp_object_code_range (obj);
  if (!serve)
    dp_registry_quiet_object (obj);
  else
    dp_profile_apply (obj);
  if (dp_in_main_program (begin))
    dp_arm_exit_dump ();
}

/* An object's destructor, at exit or at dlclose: at dlclose the
   object's statistics are kept as text, since its records are about to
   be unmapped.  */
void
__dynpromote_unregister (void *slot)
{
  const int32_t *index;
  int exiting;
  struct dp_object *obj = dp_registry_remove (slot, &index, &exiting);
  if (!obj)
    return;

  /* The promoter no longer sees the object; its trampolines wait for a
     grace period before reuse.  */
  dp_promoter_forget (obj);
  if (!exiting && dp_stats_path)
    dp_stats_retire_object (obj);
  dp_registry_release (obj, index);
}
