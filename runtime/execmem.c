/* execmem.c - executable memory that is never writable and executable at
   once.

   Every region is one memfd mapped twice: an executable view (PROT_READ |
   PROT_EXEC) where code runs, and a writable view (PROT_READ | PROT_WRITE)
   at another address where the runtime writes it.  Two kinds:

   - pools, fresh memory for trampolines, placed in a free gap of the
     address space (from /proc/self/maps, mapped with MAP_FIXED_NOREPLACE)
     so that every byte is within rel32 reach of a given range of code;
   - adopted regions: the pages of an object's dynpromote_stubs section,
     and the text pages holding call sites the runtime points straight at
     their trampolines, copied into a memfd and mapped over themselves
     with MAP_FIXED.  The bytes are identical, so a thread executing there
     during the swap runs the same code from either page; afterwards the
     runtime can patch them through the writable view, without writing to
     the program's own (file-backed, read-only) text.  A page belongs to
     at most one region: adopting a page twice would orphan the first
     region's writable view.

   All regions live in one memfd, each at its own offset, created by the
   constructor and kept far above the program's descriptors (fds.c): the
   runtime never creates a descriptor while the program's threads run.
   A released region's pages are punched out of the file.

   MAP_SHARED memory would be shared with a forked child, whose threads
   the parent's grace periods never see; the atfork child handler gives
   the child private copies of every region before fork returns, while
   the parent waits, writing nothing (promote.c, the fork gate).  */

#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include <valgrind/valgrind.h>

#include "dp-runtime.h"

#ifndef MAP_FIXED_NOREPLACE
# define MAP_FIXED_NOREPLACE 0x100000
#endif

static struct dp_exec_region *dp_regions;
static size_t dp_page_size;
static int dp_exec_state;	/* 0 unknown, 1 available, -1 refused */
static off_t dp_memfd_end;	/* the memfd's size: next free offset */

/* SIZE bytes of the kept memfd, at a fresh offset (*OFF); its
   descriptor, or -1.  */
static int
dp_memfd_reserve (size_t size, off_t *off)
{
  int fd = dp_fd_get (DP_FD_MEMFD);
  if (fd < 0)
    {
      errno = EBADF;
      return -1;
    }
  if (ftruncate (fd, dp_memfd_end + (off_t) size) != 0)
    return -1;
  *off = dp_memfd_end;
  dp_memfd_end += (off_t) size;
  return fd;
}

/* Give the pages of [OFF, OFF + SIZE) of the memfd back.  */
static void
dp_memfd_punch (off_t off, size_t size)
{
  int fd = dp_fd_get (DP_FD_MEMFD);
  if (fd >= 0)
    fallocate (fd, FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE, off,
	       (off_t) size);
}

/* Map the two views of FD at OFF; the executable one at EXEC_ADDR with
   FIXED_FLAG (0 to let the kernel choose).  Returns 0 or -1 with errno
   set.  */
static int
dp_map_views (int fd, off_t off, size_t size, void *exec_addr,
	      int fixed_flag, char **rw, uintptr_t *rx)
{
  void *w = mmap (NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, off);
  if (w == MAP_FAILED)
    return -1;
  void *x = mmap (exec_addr, size, PROT_READ | PROT_EXEC,
		  MAP_SHARED | fixed_flag, fd, off);
  if (x == MAP_FAILED || (fixed_flag && x != exec_addr))
    {
      int saved = errno;
      if (x != MAP_FAILED)
	munmap (x, size);
      munmap (w, size);
      errno = saved ? saved : EEXIST;
      return -1;
    }
  *rw = w;
  *rx = (uintptr_t) x;
  return 0;
}

/* Can this process have executable memory at all?  Creates and keeps
   the memfd and probes it, once (from the constructor); warns once if
   not.  */
int
dp_execmem_available (void)
{
  if (dp_exec_state)
    return dp_exec_state > 0;
  dp_page_size = (size_t) sysconf (_SC_PAGESIZE);
  dp_fd_keep (DP_FD_MEMFD, memfd_create ("dynpromote", MFD_CLOEXEC), -1);
  off_t off = 0;
  int fd = dp_memfd_reserve (dp_page_size, &off);
  char *rw;
  uintptr_t rx;
  if (fd < 0 || dp_map_views (fd, off, dp_page_size, NULL, 0, &rw, &rx) != 0)
    {
      dp_warn ("no executable memory (%s); indirect calls stay unpromoted",
	       strerror (errno));
      dp_exec_state = -1;
    }
  else
    {
      munmap (rw, dp_page_size);
      munmap ((void *) rx, dp_page_size);
      dp_memfd_punch (off, dp_page_size);
      dp_exec_state = 1;
    }
  return dp_exec_state > 0;
}

static struct dp_exec_region *
dp_region_new (off_t off, size_t size, char *rw, uintptr_t rx, int kind)
{
  struct dp_exec_region *r = dp_alloc (sizeof *r);
  if (!r)
    return NULL;
  r->off = off;
  r->size = size;
  r->rw = rw;
  r->rx = rx;
  r->kind = kind;
  r->next = dp_regions;
  dp_regions = r;
  return r;
}

/* Does any region hold a byte of [LO, HI)?  */
static int
dp_overlaps_region (uintptr_t lo, uintptr_t hi)
{
  for (struct dp_exec_region *r = dp_regions; r; r = r->next)
    if (lo < r->rx + r->size && r->rx < hi)
      return 1;
  return 0;
}

/* Give the pages holding [START, END) of an object's code a writable
   view (KIND: DP_REGION_STUBS or DP_REGION_TEXT).  Returns NULL (errno
   set) if the pages are not plain r-x text, some page already belongs to
   a region, or the swap fails.  */
struct dp_exec_region *
dp_execmem_adopt (uintptr_t start, uintptr_t end, int kind)
{
  if (!dp_execmem_available ())
    return NULL;
  uintptr_t lo = start & ~(uintptr_t) (dp_page_size - 1);
  uintptr_t hi = (end + dp_page_size - 1) & ~(uintptr_t) (dp_page_size - 1);
  size_t size = hi - lo;

  if (dp_overlaps_region (lo, hi))
    {
      errno = EEXIST;
      return NULL;
    }
  if (!dp_maps_range_is_text (lo, hi))
    {
      errno = EPERM;
      return NULL;
    }
  off_t off;
  int fd = dp_memfd_reserve (size, &off);
  if (fd < 0)
    return NULL;
  char *rw = mmap (NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, off);
  if (rw == MAP_FAILED)
    return NULL;
  memcpy (rw, (const void *) lo, size);
  void *x = mmap ((void *) lo, size, PROT_READ | PROT_EXEC,
		  MAP_SHARED | MAP_FIXED, fd, off);
  if (x == MAP_FAILED)
    {
      int saved = errno;
      munmap (rw, size);
      dp_memfd_punch (off, size);
      errno = saved;
      return NULL;
    }
  struct dp_exec_region *r = dp_region_new (off, size, rw, lo, kind);
  if (!r)
    errno = ENOMEM;
  return r;
}

/* A fresh pool of SIZE bytes whose every byte is within rel32 reach
   (with a margin) of every byte of [LO, HI).  */
struct dp_exec_region *
dp_execmem_pool_near (uintptr_t lo, uintptr_t hi, size_t size)
{
  if (!dp_execmem_available ())
    return NULL;
  size = (size + dp_page_size - 1) & ~(dp_page_size - 1);
  const uintptr_t reach = 0x7fff0000u;	/* 2 GiB less a margin */
  uintptr_t min = hi > reach ? hi - reach : dp_page_size;
  uintptr_t max = lo + reach - size;
  if (max < min)
    {
      errno = ERANGE;
      return NULL;
    }

  off_t off;
  int fd = dp_memfd_reserve (size, &off);
  if (fd < 0)
    return NULL;
  /* Try gaps nearest to the code first.  */
  uintptr_t candidates[64];
  int n = dp_maps_free_gaps (min, max, size, lo, candidates, 64);
  for (int i = 0; i < n; i++)
    {
      char *rw;
      uintptr_t rx;
      if (dp_map_views (fd, off, size, (void *) candidates[i],
			MAP_FIXED_NOREPLACE, &rw, &rx) == 0)
	{
	  struct dp_exec_region *r
	    = dp_region_new (off, size, rw, rx, DP_REGION_POOL);
	  if (r)
	    return r;
	  munmap (rw, size);
	  munmap ((void *) rx, size);
	  break;
	}
    }
  dp_memfd_punch (off, size);
  errno = ENOMEM;
  return NULL;
}

/* The region whose executable view contains ADDR, or NULL.  */
struct dp_exec_region *
dp_execmem_find (uintptr_t addr)
{
  for (struct dp_exec_region *r = dp_regions; r; r = r->next)
    if (addr >= r->rx && addr < r->rx + r->size)
      return r;
  return NULL;
}

/* LEN bytes of code at executable address ADDR have just been written
   (through a writable view).  A CPU needs nothing more than the
   serialisation the caller does; valgrind, which runs translations of
   code it has already seen and by default checks for changes only on
   the stack, is told to drop its translations of those bytes (a no-op
   of a few instructions when not under valgrind).  */
void
dp_execmem_changed (uintptr_t addr, size_t len)
{
  VALGRIND_DISCARD_TRANSLATIONS ((const void *) addr, len);
}

/* Writable alias of executable address ADDR in region R.  */
void *
dp_execmem_writable (struct dp_exec_region *r, uintptr_t addr)
{
  return r->rw + (addr - r->rx);
}

/* Forget region R; unmap its executable view too if UNMAP_EXEC (pools;
   stub regions go away with their object).  */
void
dp_execmem_release (struct dp_exec_region *r, int unmap_exec)
{
  for (struct dp_exec_region **p = &dp_regions; *p; p = &(*p)->next)
    if (*p == r)
      {
	*p = r->next;
	break;
      }
  munmap (r->rw, r->size);
  if (unmap_exec)
    munmap ((void *) r->rx, r->size);
  /* An adopted region's pages stay mapped until its object goes, and
     keep the file's pages alive; punching them out is harmless then.  */
  if (unmap_exec)
    dp_memfd_punch (r->off, r->size);
  dp_free (r);
}

/* Forget every adopted text region (patched call sites, static-call
   trampolines) inside [LO, HI): the object they belong to is going away,
   and its unmapping takes their executable views with it.  Stub regions
   are released by their owner (promote.c).  */
void
dp_execmem_release_adopted (uintptr_t lo, uintptr_t hi)
{
  struct dp_exec_region *r = dp_regions, *next;
  for (; r; r = next)
    {
      next = r->next;
      if (r->kind == DP_REGION_TEXT && r->rx >= lo && r->rx + r->size <= hi)
	dp_execmem_release (r, 0);
    }
}

/* In a forked child, before it runs anything else (single-threaded):
   replace every shared region by a private copy in a memfd of the
   child's own, kept on the same descriptor number, so that the parent's
   later patches and reuse cannot reach the child's code, and the
   reverse.  Returns 0, or -1 if some region is still shared (then
   neither process may write code).  */
int
dp_execmem_after_fork_child (void)
{
  if (!dp_regions && dp_exec_state <= 0)
    return 0;
  int old = dp_fd_get (DP_FD_MEMFD);
  int fd = memfd_create ("dynpromote", MFD_CLOEXEC);
  if (fd < 0 || old < 0 || dp_fd_keep (DP_FD_MEMFD, fd, old) < 0
      || ftruncate (old, dp_memfd_end) != 0)
    return dp_regions ? -1 : 0;
  fd = old;
  int result = 0;
  for (struct dp_exec_region *r = dp_regions; r; r = r->next)
    {
      char *rw = mmap (NULL, r->size, PROT_READ | PROT_WRITE, MAP_SHARED,
		       fd, r->off);
      if (rw == MAP_FAILED)
	{
	  result = -1;
	  continue;
	}
      memcpy (rw, r->rw, r->size);
      void *x = mmap ((void *) r->rx, r->size, PROT_READ | PROT_EXEC,
		      MAP_SHARED | MAP_FIXED, fd, r->off);
      if (x == MAP_FAILED)
	{
	  munmap (rw, r->size);
	  result = -1;
	  continue;
	}
      munmap (r->rw, r->size);
      r->rw = rw;
    }
  return result;
}
