/* registry.c - which objects (executable, shared objects) have sites.

   Each object built with the plugin calls __dynpromote_register (api.c)
   from a constructor with its record array, its stub pages (checked
   before they are written) and a slot of DP_OBJECT_SLOT_SIZE bytes in
   its own .bss, which becomes its struct dp_object here: registering
   needs no allocation, so it works before this runtime's own constructor
   and in any order.  __dynpromote_unregister (api.c) runs from the
   object's destructor, at exit or at dlclose.

   Owns: the list of registered objects and its lock, each object's
   record index (which its sampling routine reads), and whether the
   process is exiting.

   May not: call the promoter, the dump or anything above them (api.c
   does, around the calls here).  */

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "dp-runtime.h"

#define DP_OBJECT_MAGIC 0x64706f62u /* "dpob" */

_Static_assert (sizeof (struct dp_object) <= DP_OBJECT_SLOT_SIZE,
		"dp_object must fit the slot the plugin reserves");
_Static_assert (__builtin_offsetof (struct dp_object, index)
		== DP_OBJECT_INDEX_OFFSET, "slot: index");
_Static_assert (__builtin_offsetof (struct dp_object, stubs_lo)
		== DP_OBJECT_STUBS_LO_OFFSET, "slot: stubs_lo");
_Static_assert (__builtin_offsetof (struct dp_object, begin)
		== DP_OBJECT_RECORDS_OFFSET, "slot: records");

static pthread_mutex_t dp_registry_mutex = PTHREAD_MUTEX_INITIALIZER;
static struct dp_object *dp_objects;
static int dp_exiting;
/* exit has begun: objects' destructors may run while other threads
   still call through their sites.  */
static volatile int dp_process_exiting;

void
dp_registry_lock (void)
{
  pthread_mutex_lock (&dp_registry_mutex);
}

/* For a promoter pass, which never waits: 1 if taken.  */
int
dp_registry_trylock (void)
{
  return pthread_mutex_trylock (&dp_registry_mutex) == 0;
}

void
dp_registry_unlock (void)
{
  pthread_mutex_unlock (&dp_registry_mutex);
}

/* Call VISIT on every registered object, in registration order.  The
   caller holds the lock.  */
void
dp_registry_each (dp_object_visitor visit, void *data)
{
  for (struct dp_object *obj = dp_objects; obj; obj = obj->next)
    visit (obj, data);
}

const struct dp_site_record *
dp_object_begin (const struct dp_object *obj)
{
  return obj->begin;
}

const struct dp_site_record *
dp_object_end (const struct dp_object *obj)
{
  return obj->end;
}

/* Build OBJ's record index, which its sampling routine reads: one
   int32_t per 8 bytes of stubs (dynpromote/abi.h).  Every entry must
   lie inside the stub pages, 8-byte aligned: the routine indexes by its
   return address unchecked.  Without an index (no memory, odd stubs)
   the object's sites are never sampled and stay plain calls.  */
static void
dp_index_object (struct dp_object *obj)
{
  uintptr_t lo = obj->stubs_lo, hi = obj->stubs_hi;
  if (lo >= hi || (lo & 7))
    return;
  for (const struct dp_site_record *rec = obj->begin; rec < obj->end; rec++)
    {
      uintptr_t entry = (uintptr_t) DP_REL (rec, entry_rel);
      if (entry < lo || entry > hi - DP_STUB_MIN || (entry & 7))
	return;
    }
  size_t n = (hi - lo) >> DP_STUBS_INDEX_SHIFT;
  int32_t *index = dp_alloc (n * sizeof *index);
  if (!index)
    return;
  for (const struct dp_site_record *rec = obj->begin; rec < obj->end; rec++)
    {
      uintptr_t entry = (uintptr_t) DP_REL (rec, entry_rel);
      index[(entry - lo) >> DP_STUBS_INDEX_SHIFT]
	= (int32_t) ((const char *) rec - (const char *) obj->begin) + 1;
    }
  obj->index_size = n * sizeof *index;
  __atomic_store_n (&obj->index, index, __ATOMIC_RELEASE);
}

/* Stop OBJ's sampling routine from finding records.  A thread already
   past the check may still read the index: it is freed only when the
   object goes away (dlclose or exit).  */
static void
dp_unindex_object (struct dp_object *obj)
{
  __atomic_store_n (&obj->index, NULL, __ATOMIC_RELEASE);
}

static void
dp_quiet_object_cb (struct dp_object *obj, void *data)
{
  (void) data;
  dp_unindex_object (obj);
  for (const struct dp_site_record *rec = obj->begin; rec < obj->end; rec++)
    dp_quiet_site (rec);
}

/* Stop sampling OBJ's sites: this copy of the runtime does not serve it
   (the runtime is off, or another copy leads: peers.c).  */
void
dp_registry_quiet_object (struct dp_object *obj)
{
  dp_quiet_object_cb (obj, NULL);
}

/* The runtime was switched off: stop sampling everywhere.  */
void
dp_registry_quiet_all (void)
{
  dp_registry_lock ();
  dp_registry_each (dp_quiet_object_cb, NULL);
  dp_registry_unlock ();
}

/* The exit dump has been written: later unregistrations need no
   snapshot.  */
void
dp_registry_set_exiting (void)
{
  dp_registry_lock ();
  dp_exiting = 1;
  dp_registry_unlock ();
}

static void
dp_note_process_exit (void)
{
  dp_process_exiting = 1;
}

/* Registered from the runtime's constructor, so it runs before the exit
   work that runs objects' destructors (registered before any
   constructor ran).  */
void
dp_registry_watch_exit (void)
{
  atexit (dp_note_process_exit);
}

/* Make SLOT the struct dp_object of the object whose records are [BEGIN,
   END) and whose stub pages are [STUBS_LO, STUBS_HI); NULL if it already
   is (an object registers once).  */
struct dp_object *
dp_registry_claim (void *slot, unsigned abi, const void *begin,
		   const void *end, const void *stubs_lo,
		   const void *stubs_hi)
{
  struct dp_object *obj = slot;
  if (obj->magic == DP_OBJECT_MAGIC)
    return NULL;			/* already registered */
  memset (obj, 0, sizeof *obj);
  obj->magic = DP_OBJECT_MAGIC;
  obj->abi = abi;
  obj->begin = begin;
  obj->end = end;
  obj->stubs_lo = (uintptr_t) stubs_lo;
  obj->stubs_hi = (uintptr_t) stubs_hi;
  return obj;
}

/* List OBJ, last; if SERVE, index it first, so that its sampling
   routine finds its records (not indexed, the routine returns at once:
   plain calls).  */
void
dp_registry_add (struct dp_object *obj, int serve)
{
  if (serve)
    dp_index_object (obj);

  dp_registry_lock ();
  struct dp_object **tail = &dp_objects;
  while (*tail)
    tail = &(*tail)->next;
  *tail = obj;
  dp_registry_unlock ();
}

/* Take SLOT's object off the list and its sampling routine off its
   records: the object, or NULL if SLOT is not registered.  *INDEX is
   the index it had, for dp_registry_release; *EXITING whether the exit
   dump was written already.  */
struct dp_object *
dp_registry_remove (void *slot, const int32_t **index, int *exiting)
{
  struct dp_object *obj = slot;
  if (obj->magic != DP_OBJECT_MAGIC)
    return NULL;

  dp_registry_lock ();
  for (struct dp_object **p = &dp_objects; *p; p = &(*p)->next)
    if (*p == obj)
      {
	*p = obj->next;
	break;
      }
  *exiting = dp_exiting;
  dp_registry_unlock ();
  *index = obj->index;
  dp_unindex_object (obj);
  return obj;
}

/* The last of OBJ: at dlclose its code is leaving, so no thread of a
   correct program is in its sampling routine now and INDEX is freed.
   At exit other threads may still be: the index stays.  */
void
dp_registry_release (struct dp_object *obj, const int32_t *index)
{
  if (index && !dp_process_exiting)
    dp_free ((void *) index);
  obj->magic = 0;
}
