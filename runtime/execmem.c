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

   Each region is a memfd of its own, created, sized and mapped by a
   helper task with a descriptor table of its own (fds.c), which closes
   it before it exits (the mappings keep the memory): no descriptor of
   the runtime's ever appears in the program's table.

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

/* What a helper task does to make a region (fds.c: raw system calls
   only, in a task that shares our memory but not our descriptors).  */
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

#define DP_MAP_FAILED(p) ((unsigned long) (p) > -4096ul)

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

/* Run JOB in a helper task; 0, or -1 with errno set.  */
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

/* Can this process have executable memory at all?  Probes once; warns
   once if not.  */
int
dp_execmem_available (void)
{
  if (dp_exec_state)
    return dp_exec_state > 0;
  dp_page_size = (size_t) sysconf (_SC_PAGESIZE);
  struct dp_region_job job = { .mode = DP_MAKE_PROBE, .size = dp_page_size };
  if (dp_make_region (&job) != 0)
    {
      dp_warn ("no executable memory (%s); indirect calls stay unpromoted",
	       strerror (errno));
      dp_exec_state = -1;
    }
  else
    dp_exec_state = 1;
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
  struct dp_region_job job = { .mode = DP_MAKE_OVER, .size = size,
				.exec = lo };
  if (dp_make_region (&job) != 0)
    return NULL;
  char *rw = job.rw;
  struct dp_exec_region *r = dp_region_new (size, rw, lo, kind);
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
  struct dp_region_job job = { .mode = DP_MAKE_POOL, .size = size,
				.candidates = candidates, .ncandidates = n };
  if (n == 0 || dp_make_region (&job) != 0)
    {
      errno = ENOMEM;
      return NULL;
    }
  struct dp_exec_region *r = dp_region_new (size, job.rw, job.rx,
					    DP_REGION_POOL);
  if (r)
    return r;
  munmap (job.rw, size);
  munmap ((void *) job.rx, size);
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
   child's own, so that the parent's later patches and reuse cannot reach
   the child's code, and the reverse.  Returns 0, or -1 if some region is
   still shared (then neither process may write code).  */
int
dp_execmem_after_fork_child (void)
{
  int result = 0;
  for (struct dp_exec_region *r = dp_regions; r; r = r->next)
    {
      struct dp_region_job job = { .mode = DP_MAKE_OVER, .size = r->size,
				    .exec = r->rx, .from = r->rw };
      if (dp_make_region (&job) != 0)
	{
	  result = -1;
	  continue;
	}
      munmap (r->rw, r->size);
      r->rw = job.rw;
    }
  return result;
}
