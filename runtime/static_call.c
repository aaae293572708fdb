/* static_call.c - the runtime side of dynpromote/static_call.h.

   Every linked object built with the plugin that calls through static
   call keys registers its records (dynpromote/abi.h): one per key
   trampoline it holds, one per call of a trampoline.  Pointing a key at
   a function F means, under the code lock (patch.c):

   1. store the key's target (what the trampolines' fallback jump loads)
      and func;
   2. every trampoline of the key, in every registered object: one
      aligned 8-byte store at its patch point of "jmp F" if F is within
      rel32 reach, else of "jmp +8" (the fallback: through the key's
      target);
   3. serialise all cores (membarrier SYNC_CORE).

   The trampolines live in the object's stub pages (dynpromote/abi.h),
   the only pages of an object the runtime writes; the calls of a key
   are never written, they keep calling its trampoline (a direct call
   and a direct jump: docs/patching.md weighs it).

   Every state a thread can see on the way is a complete call of the old
   or the new function, so callers need not stop (docs/patching.md); after
   step 3 every call that starts reaches F.  Nothing is freed or reused,
   so no grace period is needed.  An object registered later is pointed
   at its keys' current targets when it registers.  Without the promoter
   (DYNPROMOTE=off or learn, no executable memory, a frozen fork) nothing
   is patched: calls go through the trampolines' fallback, which is
   always right.

   Owns: static-call keys, their objects' records, and the entry points
   of dynpromote/static_call.h.

   May not: touch a promoted site; it writes only its own
   trampolines' patch points, through patch.c.  */

#define _GNU_SOURCE
#include <stdlib.h>

#define DYNPROMOTE_BUILDING_RUNTIME 1
#include "dynpromote/static_call.h"
#include "dp-runtime.h"

/* The object's slot (DP_OBJECT_SLOT_SIZE bytes in its .bss).  */
struct dp_scall_object
{
  struct dp_scall_object *next;
  struct dp_scall_record *begin, *end;
  uintptr_t stubs_lo, stubs_hi;     /* its stub pages.  */
  struct dp_exec_region *stubs;     /* once adopted.  */
  int adopt_failed;
};

_Static_assert (sizeof (struct dp_scall_object) <= DP_OBJECT_SLOT_SIZE,
		"static-call object slot");
_Static_assert (sizeof (struct dp_scall_record) == DP_SCALL_RECORD_SIZE,
		"dp_scall_record layout");

/* Protected by the code lock.  */
static struct dp_scall_object *dp_scall_objects;

long
__dynpromote_static_call_return0 (void)
{
  return 0;
}

/* Point trampoline record REC at TARGET (step 2 above, without the
   serialisation).  */
static void
dp_scall_route (struct dp_scall_record *rec, uintptr_t target)
{
  if (rec->kind != DP_SCALL_TRAMPOLINE)
    return;
  uintptr_t code = (uintptr_t) DP_REL (rec, code_rel);
  uintptr_t patch = code + DP_SCALL_PATCH_OFFSET;
  uintptr_t to = dp_codegen_reachable (patch + 5, target)
		 ? target : code + DP_SCALL_FALLBACK_OFFSET;
  dp_code_store8 (patch, dp_codegen_entry_jump (patch, to));
}

/* Make OBJ's stub pages writable by the runtime, once; every trampoline
   must lie inside them.  */
static int
dp_scall_adopt (struct dp_scall_object *obj)
{
  if (obj->stubs)
    return 0;
  if (obj->adopt_failed)
    return -1;
  int inside = obj->stubs_lo < obj->stubs_hi;
  for (struct dp_scall_record *rec = obj->begin; inside && rec < obj->end;
       rec++)
    if (rec->kind == DP_SCALL_TRAMPOLINE)
      {
	uintptr_t code = (uintptr_t) DP_REL (rec, code_rel);
	inside = code >= obj->stubs_lo && code + 64 <= obj->stubs_hi;
      }
  obj->stubs = inside ? dp_execmem_adopt_stubs (obj->stubs_lo,
						  obj->stubs_hi)
		      : NULL;
  if (!obj->stubs)
    {
      char path[512];
      dp_object_path (obj->begin, path, sizeof path);
      dp_warn ("%s: its static-call trampolines are not in pages of their"
	       " own; its static calls go through their fallback", path);
      obj->adopt_failed = 1;
      return -1;
    }
  return 0;
}

/* Route every record of KEY in OBJ (all keys: KEY NULL) at its key's
   target.  */
static void
dp_scall_route_object (struct dp_scall_object *obj,
		       const struct dynpromote_static_call_key *key)
{
  if (dp_scall_adopt (obj) != 0)
    return;
  for (struct dp_scall_record *rec = obj->begin; rec < obj->end; rec++)
    {
      const struct dynpromote_static_call_key *k
	= (const struct dynpromote_static_call_key *) (uintptr_t) rec->key;
      if (key && k != key)
	continue;
      dp_scall_route (rec, (uintptr_t) __atomic_load_n (&k->target,
							__ATOMIC_ACQUIRE));
    }
}

void
__dynpromote_static_call_update (struct dynpromote_static_call_key *key,
				 void *func)
{
  void *target = func ? func : (void *) &__dynpromote_static_call_return0;
  dp_code_lock ();
  __atomic_store_n (&key->target, target, __ATOMIC_RELEASE);
  __atomic_store_n (&key->func, func, __ATOMIC_RELEASE);
  if (dp_code_patchable ())
    {
      for (struct dp_scall_object *obj = dp_scall_objects; obj;
	   obj = obj->next)
	dp_scall_route_object (obj, key);
      dp_code_sync ();
    }
  dp_code_unlock ();
}

/* The promoter has just started: patch what registered before it.  */
void
dp_static_calls_start (void)
{
  dp_code_lock ();
  for (struct dp_scall_object *obj = dp_scall_objects; obj; obj = obj->next)
    dp_scall_route_object (obj, NULL);
  if (dp_scall_objects)
    dp_code_sync ();
  dp_code_unlock ();
}

void
__dynpromote_register_static_calls (unsigned abi, void *slot,
				    struct dp_scall_record *begin,
				    struct dp_scall_record *end,
				    const void *stubs_lo,
				    const void *stubs_hi)
{
  if (abi != DYNPROMOTE_ABI_VERSION)
    {
      /* Its calls go through their trampolines' fallback: still right.  */
      dp_warn ("an object's static calls were built for runtime ABI %u,"
	       " this runtime is ABI %d; they stay unpatched",
	       abi, DYNPROMOTE_ABI_VERSION);
      return;
    }
  struct dp_scall_object *obj = slot;
  obj->begin = begin;
  obj->end = end;
  obj->stubs_lo = (uintptr_t) stubs_lo;
  obj->stubs_hi = (uintptr_t) stubs_hi;
  obj->stubs = NULL;
  obj->adopt_failed = 0;
  dp_code_lock ();
  obj->next = dp_scall_objects;
  dp_scall_objects = obj;
  if (dp_code_patchable ())
    {
      dp_scall_route_object (obj, NULL);
      dp_code_sync ();
    }
  dp_code_unlock ();
}

void
__dynpromote_unregister_static_calls (void *slot)
{
  struct dp_scall_object *obj = slot;
  dp_code_lock ();
  for (struct dp_scall_object **p = &dp_scall_objects; *p; p = &(*p)->next)
    if (*p == obj)
      {
	*p = obj->next;
	/* Its stub pages go with its mapping; forget our record of them.  */
	if (obj->stubs)
	  dp_execmem_release (obj->stubs, 0);
	obj->stubs = NULL;
	break;
      }
  dp_code_unlock ();
}
