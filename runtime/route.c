/* route.c - where a site's stub leads: its learning path, its plain
   indirect jump, or a trampoline.

   Owns: adopting an object's stub pages (making them runtime memory the
   first time one of its stubs is routed), and routing: the value of a
   stub's 8-byte entry patch point for each destination (codegen.c), a
   guarded site's hit patch point sent back to the entry, every member
   of a shared family routed with one core serialisation, and the site's
   routed flag and last patch time.

   May not: choose the destination (promote.c), write a trampoline
   (promote.c, pools.c), or point a hit patch point anywhere but the
   entry (guard.c's round alone does).  */

#include <errno.h>
#include <string.h>

#include "dp-runtime.h"

/* Make OBJ's stub pages runtime memory, once: every stub of the object
   must lie inside them.  Warns once per object if they cannot be.  */
int
dp_route_adopt_stubs (struct dp_object *obj)
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

/* Point REC's entry patch point at DEST (T for a trampoline), and a
   guarded site's hit patch point back at the entry (the guard round
   alone points it elsewhere).  Every value a thread can see is a
   correct path to %r11; the caller serialises once for all of them.  */
static void
dp_route_one (struct dp_object *obj, const struct dp_site_record *rec,
	      enum dp_dest dest, uintptr_t t)
{
  uintptr_t entry = (uintptr_t) DP_REL (rec, entry_rel);
  uint64_t entry_value;
  switch (dest)
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

/* Route REC's site (see dp_route_one), or, for a shared family, every
   member of OBJ whose state is REC's, with one serialisation.  The
   caller has adopted OBJ's stubs.  */
void
dp_route_site (struct dp_object *obj, const struct dp_site_record *rec,
	       enum dp_dest dest, uintptr_t t)
{
  struct dp_site_state *st = dp_state_of (rec);
  DP_FOR_EACH_MEMBER (m, obj, rec)
    dp_route_one (obj, m, dest, t);
  dp_code_sync ();
  st->last_patch_ns = dp_monotonic_ns ();
}
