/* peers.c - other copies of this runtime in the same process.

   A process can hold two runtimes: the static libdynpromote.a linked into
   the executable, and the shared libdynpromote that a library brought
   along (or two shared ones from different directories).  Each would
   index its own objects, run its own promoter and write its own dump at
   exit, the last one overwriting the others in the DYNPROMOTE_STATS file.

   So every copy marks itself with an ELF note (allocated, so it is in a
   PT_NOTE segment that dl_iterate_phdr shows) leading to a descriptor,
   struct dp_peer.  The first copy to serve an object leads.  A copy
   that finds a leader when its first object registers serves no object:
   they keep their plain indirect calls (correct, not promoted), it says
   so in one warning, and it tells the leader, whose dump names it.  Only
   the leader writes the dump at exit; a copy that never served an object
   (the shared library whose symbols the executable's copy pre-empted)
   stays silent.

   Copies find each other only from constructors (this runtime's, and
   registrations): dl_iterate_phdr takes the loader's lock, which a child
   forked at the wrong time would find held (symbolize.c).  What one copy
   tells another is copied into the other's descriptor, never a pointer:
   either copy may be unloaded first.

   Owns: this copy's descriptor for the others, and whether it leads.

   May not: call anything but symbolize.c and dp_warn.  */

#define _GNU_SOURCE
#include <elf.h>
#include <link.h>
#include <stdio.h>
#include <string.h>

#include "dp-runtime.h"

#define DP_PEER_MAGIC 0x54527064u	/* "dpRT" */
#define DP_PEER_LAYOUT 1
#define DP_PEER_NOTE_TYPE 0x64700001u

enum dp_peer_role
{
  DP_PEER_IDLE,			/* no object registered with this copy */
  DP_PEER_LEADS,		/* serves the process's objects */
  DP_PEER_PLAIN			/* another copy leads: objects stay plain */
};

/* Shared between copies of any version with the same magic and layout:
   fields may be added at the end only with a new layout number.  */
struct dp_peer
{
  uint32_t magic, layout;
  uint32_t role;		/* enum dp_peer_role */
  uint32_t led;			/* another copy leads (set by it) */
  /* Set by the other copies, on the leader: */
  uint32_t plain_copies;	/* copies that kept objects plain */
  uint32_t plain_objects;	/* objects they kept plain */
  char plain_path[256];		/* the file of the last such copy */
};

struct dp_peer dp_peer DP_HIDDEN = { DP_PEER_MAGIC, DP_PEER_LAYOUT, 0, 0, 0,
				     0, "" };

/* The note: name "dynpromote", then the layout and the descriptor's
   offset from the descriptor word itself (resolved by the static
   linker: no dynamic relocation in a note).  Retained, so that
   --gc-sections keeps it.  */
__asm__ (".pushsection .note.dynpromote.runtime,\"aR\",@note\n"
	 "\t.p2align 2\n"
	 "\t.long 11\n"
	 "\t.long 8\n"
	 "\t.long 0x64700001\n"
	 "\t.asciz \"dynpromote\"\n"
	 "\t.p2align 2\n"
	 "\t.long 1\n"
	 "\t.long dp_peer - .\n"
	 "\t.popsection");

struct dp_peer_found
{
  struct dp_peer *peer;
};

struct dp_peer_scan
{
  struct dp_peer_found found[8];
  int count;
};

static void
dp_peer_notes (const unsigned char *p, size_t size,
	       struct dp_peer_scan *scan)
{
  while (size >= sizeof (ElfW (Nhdr)))
    {
      const ElfW (Nhdr) *n = (const void *) p;
      size_t namesz = (n->n_namesz + 3) & ~(size_t) 3;
      size_t descsz = (n->n_descsz + 3) & ~(size_t) 3;
      size_t len = sizeof *n + namesz + descsz;
      if (len > size)
	return;
      const unsigned char *desc = p + sizeof *n + namesz;
      if (n->n_type == DP_PEER_NOTE_TYPE && n->n_namesz == 11
	  && !memcmp (p + sizeof *n, "dynpromote", 11) && n->n_descsz == 8)
	{
	  int32_t layout, rel;
	  memcpy (&layout, desc, 4);
	  memcpy (&rel, desc + 4, 4);
	  struct dp_peer *peer = (struct dp_peer *) (desc + 4 + rel);
	  if (layout == DP_PEER_LAYOUT && peer->magic == DP_PEER_MAGIC
	      && peer->layout == DP_PEER_LAYOUT
	      && scan->count < (int) (sizeof scan->found
				      / sizeof scan->found[0]))
	    {
	      scan->found[scan->count++].peer = peer;
	    }
	}
      p += len;
      size -= len;
    }
}

static int
dp_peer_scan_cb (struct dl_phdr_info *info, size_t size, void *data)
{
  (void) size;
  for (int i = 0; i < info->dlpi_phnum; i++)
    {
      const ElfW (Phdr) *ph = &info->dlpi_phdr[i];
      if (ph->p_type == PT_NOTE)
	dp_peer_notes ((const void *) (info->dlpi_addr + ph->p_vaddr),
		       ph->p_memsz, data);
    }
  return 0;
}

/* The copy that leads, other than this one, or NULL.  */
static const struct dp_peer_found *
dp_peer_leader (struct dp_peer_scan *scan)
{
  scan->count = 0;
  dl_iterate_phdr (dp_peer_scan_cb, scan);
  for (int i = 0; i < scan->count; i++)
    if (scan->found[i].peer != &dp_peer
	&& __atomic_load_n (&scan->found[i].peer->role, __ATOMIC_ACQUIRE)
	   == DP_PEER_LEADS)
      return &scan->found[i];
  return NULL;
}

/* This runtime's constructor, when a dump is to be written at exit:
   does another copy lead already?  (Only the exit dump asks.)  */
void
dp_peer_init (void)
{
  struct dp_peer_scan scan;
  if (dp_peer_leader (&scan))
    __atomic_store_n (&dp_peer.led, 1, __ATOMIC_RELEASE);
}

/* An object is registering with this copy.  Returns 1 if this copy
   serves it; 0 if another copy leads, and the object must keep its
   plain indirect calls.  From a constructor only.  */
int
dp_peer_serve (void)
{
  uint32_t role = __atomic_load_n (&dp_peer.role, __ATOMIC_ACQUIRE);
  if (role == DP_PEER_LEADS)
    return 1;
  /* Found again for every object kept plain: the leader may have been
     unloaded since.  */
  struct dp_peer_scan scan;
  const struct dp_peer_found *leader = dp_peer_leader (&scan);
  if (role == DP_PEER_IDLE && !leader)
    {
      /* Lead, and tell the idle copies loaded so far; a copy loaded
	 later finds this one from its constructor.  */
      for (int i = 0; i < scan.count; i++)
	if (scan.found[i].peer != &dp_peer)
	  __atomic_store_n (&scan.found[i].peer->led, 1, __ATOMIC_RELEASE);
      __atomic_store_n (&dp_peer.role, DP_PEER_LEADS, __ATOMIC_RELEASE);
      return 1;
    }
  if (role == DP_PEER_IDLE)
    {
      char mine[256], theirs[256];
      dp_object_path (&dp_peer, mine, sizeof mine);
      dp_object_path (leader->peer, theirs, sizeof theirs);
      dp_warn ("two runtimes in one process: the one in %s serves the"
	       " program, so the objects that registered with the one in"
	       " %s keep plain indirect calls; link every object with the"
	       " same, shared runtime (-specs=dynpromote.specs or"
	       " $(pkg-config --libs dynpromote), not libdynpromote.a)",
	       theirs, mine);
      struct dp_peer *l = leader->peer;
      __atomic_fetch_add (&l->plain_copies, 1, __ATOMIC_RELAXED);
      memcpy (l->plain_path, mine, sizeof l->plain_path);
      __atomic_store_n (&dp_peer.led, 1, __ATOMIC_RELEASE);
      __atomic_store_n (&dp_peer.role, DP_PEER_PLAIN, __ATOMIC_RELEASE);
    }
  /* The leader counts them: its dump is the one written.  */
  if (leader)
    __atomic_fetch_add (&leader->peer->plain_objects, 1, __ATOMIC_RELAXED);
  return 0;
}

/* Does this copy write the dump at exit?  Not if another copy leads.  */
int
dp_peer_writes_dump (void)
{
  return !__atomic_load_n (&dp_peer.led, __ATOMIC_ACQUIRE)
	 || __atomic_load_n (&dp_peer.role, __ATOMIC_ACQUIRE)
	    == DP_PEER_LEADS;
}

/* The copies that kept objects plain because this one leads: how many,
   how many objects, and the file of the last one (for the dump).  */
uint32_t
dp_peer_plain_others (char *path, size_t size, uint32_t *objects)
{
  snprintf (path, size, "%s", dp_peer.plain_path);
  *objects = __atomic_load_n (&dp_peer.plain_objects, __ATOMIC_RELAXED);
  return __atomic_load_n (&dp_peer.plain_copies, __ATOMIC_RELAXED);
}
