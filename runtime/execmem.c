/* execmem.c - executable memory that is never writable and executable at
   once, and a writable view of it only while the runtime writes.

   Two kinds of region:

   - pools, fresh memory for trampolines, placed in a free gap of the
     address space (from /proc/self/maps, mapped with MAP_FIXED_NOREPLACE)
     so that every byte is within rel32 reach of a given range of code;
   - an object's stub pages: the whole pages the plugin gives a linked
     object's entry stubs and static-call trampolines (dynpromote/abi.h),
     copied and moved over themselves with mremap (the bytes are
     identical, so a thread executing there during the swap runs the same
     code from either page).  Nothing else of the object is ever replaced
     or written: its functions stay its file-backed mapping, where gdb
     can plant breakpoints and perf finds their symbols.

   Both are shared anonymous memory (MAP_SHARED | MAP_ANONYMOUS), mapped
   r-x.  To write, the runtime duplicates a region's mapping with
   mremap (old size 0, which the kernel allows for shared mappings only)
   and makes the duplicate r-w; the duplicate is unmapped at the end of
   the batch of stores (dp_execmem_seal, before the promoter's lock is
   released).  So a writable alias of code exists only while the
   promoter writes, under its lock, and no descriptor is ever needed.

   Where mremap cannot duplicate a mapping (valgrind refuses an old size
   of 0), regions are a memfd mapped twice instead, r-x and r-w for the
   life of the region (made in a helper task with a descriptor table of
   its own, fds.c): code runs under valgrind only as its translations,
   and its results are right either way.

   MAP_SHARED memory would be shared with a forked child, whose threads
   the parent's grace periods never see; the atfork child handler gives
   the child private copies of every region before fork returns, while
   the parent waits, writing nothing (fork.c, the fork gate).

   Mappings are made with raw system calls: a sanitizer's mmap
   interceptor (TSan's) must not see, or refuse, the runtime's code.

   Owns: every executable mapping of the runtime (regions: adopted stub
   pages and trampoline pools), their writable aliases, and the private
   copies a forked child makes of them.

   May not: decide what is written or when (patch.c and the promoter
   do).  */

#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <valgrind/valgrind.h>

#include "dp-runtime.h"

#ifndef MAP_FIXED_NOREPLACE
# define MAP_FIXED_NOREPLACE 0x100000
#endif

static struct dp_exec_region *dp_regions;
static size_t dp_page_size;
static int dp_exec_state;	/* 0 unknown, 1 available, -1 refused */
static int dp_persistent_views;	/* memfd with a lasting r-w view */

#define DP_MAP_FAILED(p) ((unsigned long) (p) > -4096ul)

/* What a helper task does to make a memfd region (dp_persistent_views;
   fds.c: raw system calls only, in a task that shares our memory but
   not our descriptors).  */
enum dp_region_mode
{
  DP_MAKE_PROBE,           /* both views anywhere, then unmap: can we?  */
  DP_MAKE_POOL,            /* executable view at the first free candidate */
  DP_MAKE_OVER             /* executable view over EXEC, after copying
			      FROM (EXEC itself if NULL) into the file */
};

struct dp_region_job
{
  int mode;
  size_t size;
  uintptr_t exec;          /* DP_MAKE_OVER: where.  */
  const void *from;
  const uintptr_t *candidates;  /* DP_MAKE_POOL.  */
  int ncandidates;
  char *rw;                /* out: the writable view.  */
  uintptr_t rx;            /* out: the executable view.  */
  long err;                /* out: 0 or -errno.  */
};

static long
dp_mmap (uintptr_t addr, size_t size, int prot, int flags)
{
  return dp_sys (SYS_mmap, (long) addr, (long) size, prot, flags, -1, 0);
}

static void
dp_munmap (uintptr_t addr, size_t size)
{
  dp_sys (SYS_munmap, (long) addr, (long) size, 0, 0, 0, 0);
}

/* Fresh shared anonymous r-x memory holding a copy of SIZE bytes at
   FROM, moved to EXEC (replacing what is mapped there).  Returns 0 or
   -errno.  */
static long
dp_anon_over (uintptr_t exec, const void *from, size_t size)
{
  long tmp = dp_mmap (0, size, PROT_READ | PROT_WRITE,
		      MAP_SHARED | MAP_ANONYMOUS);
  if (DP_MAP_FAILED (tmp))
    return tmp;
  memcpy ((void *) tmp, from, size);
  long r = dp_sys (SYS_mprotect, tmp, (long) size, PROT_READ | PROT_EXEC,
		   0, 0, 0);
  if (r == 0)
    r = dp_sys (SYS_mremap, tmp, (long) size, (long) size,
		MREMAP_MAYMOVE | MREMAP_FIXED, (long) exec, 0);
  if (DP_MAP_FAILED (r))
    {
      dp_munmap ((uintptr_t) tmp, size);
      return r;
    }
  return 0;
}

/* A writable duplicate of the shared mapping at RX, or -errno.  */
static long
dp_anon_alias (uintptr_t rx, size_t size)
{
  long rw = dp_sys (SYS_mremap, (long) rx, 0, (long) size, MREMAP_MAYMOVE,
		    0, 0);
  if (DP_MAP_FAILED (rw))
    return rw;
  long r = dp_sys (SYS_mprotect, rw, (long) size, PROT_READ | PROT_WRITE,
		   0, 0, 0);
  if (r != 0)
    {
      dp_munmap ((uintptr_t) rw, size);
      return r;
    }
  return rw;
}

static int
dp_make_region_main (void *arg)
{
  struct dp_region_job *job = arg;
  job->rw = NULL;
  job->rx = 0;
  long fd = dp_sys (SYS_memfd_create, (long) "dynpromote", MFD_CLOEXEC, 0,
		    0, 0, 0);
  if (fd < 0)
    {
      job->err = fd;
      return -1;
    }
  long r = dp_sys (SYS_ftruncate, fd, (long) job->size, 0, 0, 0, 0);
  long rw = r < 0 ? r : dp_sys (SYS_mmap, 0, (long) job->size,
				PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
  long rx = -EINVAL;
  if (!DP_MAP_FAILED (rw))
    switch (job->mode)
      {
      case DP_MAKE_PROBE:
	rx = dp_sys (SYS_mmap, 0, (long) job->size, PROT_READ | PROT_EXEC,
		     MAP_SHARED, fd, 0);
	if (!DP_MAP_FAILED (rx))
	  dp_sys (SYS_munmap, rx, (long) job->size, 0, 0, 0, 0);
	dp_sys (SYS_munmap, rw, (long) job->size, 0, 0, 0, 0);
	rw = DP_MAP_FAILED (rx) ? rx : 0;
	rx = DP_MAP_FAILED (rx) ? rx : 0;
	break;
      case DP_MAKE_POOL:
	for (int i = 0; i < job->ncandidates; i++)
	  {
	    rx = dp_sys (SYS_mmap, (long) job->candidates[i],
			 (long) job->size, PROT_READ | PROT_EXEC,
			 MAP_SHARED | MAP_FIXED_NOREPLACE, fd, 0);
	    if (!DP_MAP_FAILED (rx) && (uintptr_t) rx != job->candidates[i])
	      {
		/* A kernel that ignores the flag put it elsewhere.  */
		dp_sys (SYS_munmap, rx, (long) job->size, 0, 0, 0, 0);
		rx = -EEXIST;
	      }
	    if (!DP_MAP_FAILED (rx))
	      break;
	  }
	break;
      case DP_MAKE_OVER:
	/* The bytes are the same before and after, so a thread executing
	   there during the swap runs the same code from either page.  */
	memcpy ((void *) rw, job->from ? job->from : (const void *) job->exec,
		job->size);
	rx = dp_sys (SYS_mmap, (long) job->exec, (long) job->size,
		     PROT_READ | PROT_EXEC, MAP_SHARED | MAP_FIXED, fd, 0);
	break;
      }
  dp_sys (SYS_close, fd, 0, 0, 0, 0, 0);
  if (DP_MAP_FAILED (rw) || DP_MAP_FAILED (rx))
    {
      if (!DP_MAP_FAILED (rw) && rw)
	dp_sys (SYS_munmap, rw, (long) job->size, 0, 0, 0, 0);
      job->err = DP_MAP_FAILED (rw) ? rw : DP_MAP_FAILED (rx) ? rx : -ENOMEM;
      return -1;
    }
  job->rw = (char *) rw;
  job->rx = (uintptr_t) rx;
  job->err = 0;
  return 0;
}

/* Run JOB (memfd regions, dp_persistent_views) in a helper task; 0, or
   -1 with errno set.  */
static int
dp_make_region (struct dp_region_job *job)
{
  job->err = -ENOMEM;
  if (dp_private_call (dp_make_region_main, job) != 0)
    {
      errno = job->err ? (int) -job->err : ENOMEM;
      return -1;
    }
  return 0;
}

/* Can this process have executable memory at all, and of which kind?
   Probes once; warns once if not.  */
int
dp_execmem_available (void)
{
  if (dp_exec_state)
    return dp_exec_state > 0;
  dp_page_size = (size_t) sysconf (_SC_PAGESIZE);
  dp_exec_state = -1;
  long rx = dp_mmap (0, dp_page_size, PROT_READ | PROT_EXEC,
		     MAP_SHARED | MAP_ANONYMOUS);
  long rw = DP_MAP_FAILED (rx) ? rx : dp_anon_alias ((uintptr_t) rx,
						     dp_page_size);
  if (!DP_MAP_FAILED (rw))
    {
      dp_munmap ((uintptr_t) rw, dp_page_size);
      dp_exec_state = 1;
    }
  if (!DP_MAP_FAILED (rx))
    dp_munmap ((uintptr_t) rx, dp_page_size);
  if (dp_exec_state < 0)
    {
      struct dp_region_job job = { .mode = DP_MAKE_PROBE,
				    .size = dp_page_size };
      if (dp_make_region (&job) == 0)
	{
	  dp_exec_state = 1;
	  dp_persistent_views = 1;
	}
      else
	dp_warn ("no executable memory (%s); indirect calls stay"
		 " unpromoted", strerror (errno));
    }
  return dp_exec_state > 0;
}

static struct dp_exec_region *
dp_region_new (size_t size, char *rw, uintptr_t rx, int kind)
{
  struct dp_exec_region *r = dp_alloc (sizeof *r);
  if (!r)
    return NULL;
  r->size = size;
  r->rw = rw;
  r->rx = rx;
  r->kind = kind;
  r->users = 1;
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

/* The stub pages [LO, HI) of a linked object (page-aligned, from its
   registration) as a region the runtime can write; the same region for
   every caller naming the same pages (the promoter and static calls),
   counted.  Returns NULL (errno set) if the range is not whole pages
   bracketed as the plugin emits them (an int3 at LO and at HI), not
   plain r-x text, overlaps another region, or the swap fails.  */
struct dp_exec_region *
dp_execmem_adopt_stubs (uintptr_t lo, uintptr_t hi)
{
  if (!dp_execmem_available ())
    return NULL;
  for (struct dp_exec_region *r = dp_regions; r; r = r->next)
    if (r->kind == DP_REGION_STUBS && r->rx == lo && r->size == hi - lo)
      {
	r->users++;
	return r;
      }
  if ((lo | hi) & (dp_page_size - 1) || hi <= lo
      || *(const uint8_t *) lo != 0xcc || *(const uint8_t *) hi != 0xcc)
    {
      errno = EINVAL;
      return NULL;
    }
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
  char *rw = NULL;
  if (dp_persistent_views)
    {
      struct dp_region_job job = { .mode = DP_MAKE_OVER, .size = size,
				    .exec = lo };
      if (dp_make_region (&job) != 0)
	return NULL;
      rw = job.rw;
    }
  else
    {
      long r = dp_anon_over (lo, (const void *) lo, size);
      if (r != 0)
	{
	  errno = (int) -r;
	  return NULL;
	}
    }
  struct dp_exec_region *r = dp_region_new (size, rw, lo, DP_REGION_STUBS);
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

  /* Try gaps nearest to the code first.  */
  uintptr_t candidates[64];
  int n = dp_maps_free_gaps (min, max, size, lo, candidates, 64);
  char *rw = NULL;
  uintptr_t rx = 0;
  if (dp_persistent_views)
    {
      struct dp_region_job job = { .mode = DP_MAKE_POOL, .size = size,
				    .candidates = candidates,
				    .ncandidates = n };
      if (n > 0 && dp_make_region (&job) == 0)
	{
	  rw = job.rw;
	  rx = job.rx;
	}
    }
  else
    for (int i = 0; i < n && !rx; i++)
      {
	long m = dp_mmap (candidates[i], size, PROT_READ | PROT_EXEC,
			  MAP_SHARED | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE);
	if (DP_MAP_FAILED (m))
	  continue;
	if ((uintptr_t) m != candidates[i])
	  dp_munmap ((uintptr_t) m, size);	/* flag ignored: elsewhere */
	else
	  rx = (uintptr_t) m;
      }
  if (!rx)
    {
      errno = ENOMEM;
      return NULL;
    }
  struct dp_exec_region *r = dp_region_new (size, rw, rx, DP_REGION_POOL);
  if (r)
    return r;
  if (rw)
    dp_munmap ((uintptr_t) rw, size);
  dp_munmap (rx, size);
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

/* Writable alias of executable address ADDR in region R, mapped now if
   it is not (until dp_execmem_seal); NULL if it cannot be.  Called with
   the promoter's lock held.  */
void *
dp_execmem_writable (struct dp_exec_region *r, uintptr_t addr)
{
  if (!r->rw)
    {
      long rw = dp_anon_alias (r->rx, r->size);
      if (DP_MAP_FAILED (rw))
	return NULL;
      r->rw = (char *) rw;
      dp_promoter_stats.write_maps++;
    }
  return r->rw + (addr - r->rx);
}

/* The batch of stores is over: unmap every writable alias.  Called
   before the promoter's lock is released.  */
void
dp_execmem_seal (void)
{
  if (dp_persistent_views)
    return;
  for (struct dp_exec_region *r = dp_regions; r; r = r->next)
    if (r->rw)
      {
	dp_munmap ((uintptr_t) r->rw, r->size);
	r->rw = NULL;
      }
}

/* One user of region R is done with it; the last one forgets it,
   unmapping its executable view too if UNMAP_EXEC (pools; stub pages go
   away with their object).  */
void
dp_execmem_release (struct dp_exec_region *r, int unmap_exec)
{
  if (--r->users > 0)
    return;
  for (struct dp_exec_region **p = &dp_regions; *p; p = &(*p)->next)
    if (*p == r)
      {
	*p = r->next;
	break;
      }
  if (r->rw)
    dp_munmap ((uintptr_t) r->rw, r->size);
  if (unmap_exec)
    dp_munmap (r->rx, r->size);
  dp_free (r);
}

/* In a forked child, before it runs anything else (single-threaded):
   replace every shared region by a private copy of the child's own, so
   that the parent's later patches and reuse cannot reach the child's
   code, and the reverse.  Returns 0, or -1 if some region is still
   shared (then neither process may write code).  */
int
dp_execmem_after_fork_child (void)
{
  int result = 0;
  for (struct dp_exec_region *r = dp_regions; r; r = r->next)
    {
      if (!dp_persistent_views)
	{
	  if (dp_anon_over (r->rx, (const void *) r->rx, r->size) != 0)
	    result = -1;
	  continue;
	}
      struct dp_region_job job = { .mode = DP_MAKE_OVER, .size = r->size,
				    .exec = r->rx, .from = r->rw };
      if (dp_make_region (&job) != 0)
	{
	  result = -1;
	  continue;
	}
      dp_munmap ((uintptr_t) r->rw, r->size);
      r->rw = job.rw;
    }
  return result;
}
