/* alloc.c - the runtime's own memory, for the promoter's bookkeeping.

   The promoter runs inside the program's threads (service.c), possibly
   in a signal handler that interrupted malloc: it must never call
   malloc.  This is a small size-class allocator over anonymous mmap:
   blocks of 32 to 4096 bytes come from 64 KiB arenas and go back to a
   free list per class; larger ones are mapped whole.  A spin lock keeps
   it safe for the few callers outside the promoter lock (a register or
   an unregister in another thread).  Memory is zeroed on return.

   Every mapping the runtime makes for itself (these, and the promoter's
   stack) has an inaccessible page at each end: the kernel would merge
   an anonymous mapping with a thread's stack next to it, and a grace
   period scanning that stack "to the end of its mapping" would then
   read the runtime's own data, full of the very addresses it looks for,
   and never end (dp_map_private).

   Owns: the runtime's heap (dp_alloc, dp_free, dp_realloc) and its
   private mappings (dp_map_private).

   May not: call malloc, stdio, or anything that takes a lock a signal
   handler could interrupt.  */

#define _GNU_SOURCE
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "dp-runtime.h"

#define DP_ARENA_SIZE (64u << 10)
#define DP_MIN_CLASS 5		/* 32 bytes */
#define DP_MAX_CLASS 12		/* 4096 bytes */
#define DP_HEADER 16		/* size class or mapped size, kept aligned */

struct dp_free_block
{
  struct dp_free_block *next;
};

/* SIZE bytes of private memory between two inaccessible pages, or
   NULL.  Mapped with the system calls themselves: this memory is the
   runtime's, not the program's, and a sanitizer's mmap interceptor has
   no business with it (ThreadSanitizer's also delivers signals it
   deferred when it returns, which in a pass would run a handler of the
   program on the runtime's stack).  */
void *
dp_map_private (size_t size)
{
  size_t page = (size_t) sysconf (_SC_PAGESIZE);
  size = (size + page - 1) & ~(page - 1);
  long p = dp_sys (SYS_mmap, 0, (long) (size + 2 * page), PROT_NONE,
		   MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  if ((unsigned long) p > -4096ul)
    return NULL;
  if (dp_sys (SYS_mprotect, p + (long) page, (long) size,
	      PROT_READ | PROT_WRITE, 0, 0, 0) != 0)
    {
      dp_sys (SYS_munmap, p, (long) (size + 2 * page), 0, 0, 0, 0);
      return NULL;
    }
  return (char *) p + page;
}

void
dp_unmap_private (void *p, size_t size)
{
  size_t page = (size_t) sysconf (_SC_PAGESIZE);
  size = (size + page - 1) & ~(page - 1);
  dp_sys (SYS_munmap, (long) ((char *) p - page), (long) (size + 2 * page),
	  0, 0, 0, 0);
}

static struct dp_free_block *dp_free_lists[DP_MAX_CLASS + 1];
static char *dp_arena_next, *dp_arena_end;
static int dp_alloc_spin;

static void
dp_alloc_lock (void)
{
  while (__atomic_exchange_n (&dp_alloc_spin, 1, __ATOMIC_ACQUIRE))
    __builtin_ia32_pause ();
}

static void
dp_alloc_unlock (void)
{
  __atomic_store_n (&dp_alloc_spin, 0, __ATOMIC_RELEASE);
}

static int
dp_size_class (size_t size)
{
  int c = DP_MIN_CLASS;
  while (((size_t) 1 << c) < size)
    c++;
  return c;
}

void *
dp_alloc (size_t size)
{
  size_t whole = size + DP_HEADER;
  if (whole > ((size_t) 1 << DP_MAX_CLASS))
    {
      void *p = dp_map_private (whole);
      if (!p)
	return NULL;
      *(size_t *) p = whole;
      return (char *) p + DP_HEADER;
    }
  int c = dp_size_class (whole);
  size_t csize = (size_t) 1 << c;
  char *block = NULL;
  dp_alloc_lock ();
  if (dp_free_lists[c])
    {
      block = (char *) dp_free_lists[c];
      dp_free_lists[c] = dp_free_lists[c]->next;
    }
  else
    {
      if (!dp_arena_next || (size_t) (dp_arena_end - dp_arena_next) < csize)
	{
	  void *a = dp_map_private (DP_ARENA_SIZE);
	  if (a)
	    {
	      dp_arena_next = a;
	      dp_arena_end = dp_arena_next + DP_ARENA_SIZE;
	    }
	}
      if (dp_arena_next && (size_t) (dp_arena_end - dp_arena_next) >= csize)
	{
	  block = dp_arena_next;
	  dp_arena_next += csize;
	}
    }
  dp_alloc_unlock ();
  if (!block)
    return NULL;
  memset (block, 0, csize);
  *(size_t *) block = (size_t) c;
  return block + DP_HEADER;
}

void
dp_free (void *p)
{
  if (!p)
    return;
  char *block = (char *) p - DP_HEADER;
  size_t tag = *(size_t *) block;
  if (tag > DP_MAX_CLASS)
    {
      dp_unmap_private (block, tag);
      return;
    }
  dp_alloc_lock ();
  struct dp_free_block *f = (struct dp_free_block *) block;
  f->next = dp_free_lists[tag];
  dp_free_lists[tag] = f;
  dp_alloc_unlock ();
}

/* Grow P (from dp_alloc, or NULL) to SIZE bytes, keeping its contents.  */
void *
dp_realloc (void *p, size_t old_size, size_t size)
{
  void *q = dp_alloc (size);
  if (q && p)
    memcpy (q, p, old_size < size ? old_size : size);
  if (q)
    dp_free (p);
  return q;
}
