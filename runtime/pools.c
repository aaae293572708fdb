/* pools.c - where trampolines live: pools of executable memory near the
   objects they serve, cut into chunks of one trampoline each.

   Owns: the pools (64 KiB regions from execmem.c, 256-byte chunks), a
   chunk's allocation within rel32 reach of an object, its gdb name
   (jit.c), and its retirement: a trampoline no entry leads to any more
   waits on the retired list, then in the batch of a grace period
   (grace.c), before dp_pools_reclaim poisons its chunk and frees it.

   May not: decide when a chunk is safe to reuse (grace.c says so), or
   write a trampoline's code (promote.c, through codegen.c).  */

#include <string.h>

#include "dp-runtime.h"

/* Trampoline pools: 64 KiB regions cut into DP_CHUNK-byte chunks.  */
#define DP_POOL_SIZE (64u << 10)
#define DP_POOL_CHUNKS (DP_POOL_SIZE / DP_CHUNK)

struct dp_pool
{
  struct dp_pool *next;
  struct dp_exec_region *region;
  uint64_t used[DP_POOL_CHUNKS / 64];
  void *jit[DP_POOL_CHUNKS];     /* each chunk's gdb entry (jit.c).  */
};

static struct dp_pool *dp_pools;

/* Trampolines waiting for a grace period before their chunk is reused.  */
struct dp_retired_chunk
{
  struct dp_retired_chunk *next;
  struct dp_pool *pool;
  unsigned chunk;
};

static struct dp_retired_chunk *dp_retired_list;

/* Executable address of CHUNK of POOL.  */
static uintptr_t
dp_chunk_addr (const struct dp_pool *pool, unsigned chunk)
{
  return pool->region->rx + (uintptr_t) chunk * DP_CHUNK;
}

static int
dp_pool_reaches (const struct dp_pool *pool, uintptr_t lo, uintptr_t hi)
{
  uintptr_t a = pool->region->rx, b = a + pool->region->size;
  return dp_codegen_reachable (a, hi) && dp_codegen_reachable (b, lo)
	 && dp_codegen_reachable (hi, a) && dp_codegen_reachable (lo, b);
}

/* Can a rel32 (branch or displacement) anywhere in the chunk at T reach
   TO?  */
int
dp_chunk_reaches (uintptr_t t, uintptr_t to)
{
  return dp_codegen_reachable (t, to)
	 && dp_codegen_reachable (t + DP_CHUNK, to);
}

/* A free chunk within reach of [LO, HI), or 0.  */
uintptr_t
dp_chunk_alloc (uintptr_t lo, uintptr_t hi, struct dp_chunk *out)
{
  for (int attempt = 0; attempt < 2; attempt++)
    {
      for (struct dp_pool *pool = dp_pools; pool; pool = pool->next)
	{
	  if (!dp_pool_reaches (pool, lo, hi))
	    continue;
	  for (unsigned i = 0; i < DP_POOL_CHUNKS; i++)
	    if (!(pool->used[i / 64] & (1ull << (i % 64))))
	      {
		pool->used[i / 64] |= 1ull << (i % 64);
		out->pool = pool;
		out->index = i;
		return dp_chunk_addr (pool, i);
	      }
	}
      if (attempt)
	break;
      struct dp_exec_region *region
	= dp_execmem_pool_near (lo, hi, DP_POOL_SIZE);
      if (!region)
	return 0;
      struct dp_pool *pool = dp_alloc (sizeof *pool);
      if (!pool)
	{
	  dp_execmem_release (region, 1);
	  return 0;
	}
      pool->region = region;
      pool->next = dp_pools;
      dp_pools = pool;
    }
  return 0;
}

static void
dp_pool_free_chunk (struct dp_pool *pool, unsigned chunk)
{
  pool->used[chunk / 64] &= ~(1ull << (chunk % 64));
}

/* Give back a chunk no trampoline was published in.  */
void
dp_chunk_free (const struct dp_chunk *c)
{
  dp_pool_free_chunk (c->pool, c->index);
}

/* The writable alias of chunk C, while the promoter's lock is held, or
   NULL (no mapping for one now).  */
uint8_t *
dp_chunk_writable (const struct dp_chunk *c)
{
  return dp_execmem_writable (c->pool->region,
			      dp_chunk_addr (c->pool, c->index));
}

/* Name the SIZE bytes of trampoline in chunk C for gdb (jit.c); the
   name goes when the chunk is reclaimed.  */
void
dp_chunk_name (const struct dp_chunk *c, size_t size, const char *name)
{
  c->pool->jit[c->index] = dp_jit_add (dp_chunk_addr (c->pool, c->index),
				       size, name);
}

static struct dp_pool *
dp_pool_of (uintptr_t addr, unsigned *chunk)
{
  for (struct dp_pool *pool = dp_pools; pool; pool = pool->next)
    if (addr >= pool->region->rx && addr < pool->region->rx + DP_POOL_SIZE)
      {
	*chunk = (unsigned) ((addr - pool->region->rx) / DP_CHUNK);
	return pool;
      }
  return NULL;
}

/* The trampoline at T can no longer be entered: free it after a grace
   period.  */
void
dp_pools_retire (uintptr_t t)
{
  unsigned chunk;
  struct dp_pool *pool = dp_pool_of (t, &chunk);
  struct dp_retired_chunk *r = dp_alloc (sizeof *r);
  if (!pool || !r)
    {
      dp_free (r);
      return;			/* leak the chunk rather than risk reuse */
    }
  r->pool = pool;
  r->chunk = chunk;
  r->next = dp_retired_list;
  dp_retired_list = r;
  dp_promoter_stats.retired++;
}

/* Is some trampoline waiting for a grace period?  */
int
dp_pools_retired_any (void)
{
  return dp_retired_list != NULL;
}

/* A grace period starts: it covers every trampoline retired by now,
   returned as its batch (the list starts again empty).  */
struct dp_retired_chunk *
dp_pools_take_retired (void)
{
  struct dp_retired_chunk *batch = dp_retired_list;
  dp_retired_list = NULL;
  return batch;
}

/* The chunks of BATCH: how many, and, if RANGES, their addresses.  */
int
dp_pools_batch_ranges (const struct dp_retired_chunk *batch,
		       struct dp_range *ranges)
{
  int n = 0;
  for (const struct dp_retired_chunk *r = batch; r; r = r->next, n++)
    if (ranges)
      {
	ranges[n].lo = dp_chunk_addr (r->pool, r->chunk);
	ranges[n].hi = ranges[n].lo + DP_CHUNK;
      }
  return n;
}

/* BATCH is over its grace period (OK): poison and free its chunks; or
   it goes back to wait for another (any chunk that cannot be written
   now does too).  */
void
dp_pools_reclaim (struct dp_retired_chunk *batch, int ok)
{
  while (batch)
    {
      struct dp_retired_chunk *r = batch;
      batch = r->next;
      void *chunk = ok ? dp_execmem_writable (r->pool->region,
					      dp_chunk_addr (r->pool,
							     r->chunk))
		       : NULL;
      if (chunk)
	{
	  /* Poison before reuse: a thread that should not be there traps.  */
	  memset (chunk, 0xcc, DP_CHUNK);
	  dp_execmem_changed (dp_chunk_addr (r->pool, r->chunk), DP_CHUNK);
	  dp_jit_remove (r->pool->jit[r->chunk]);
	  r->pool->jit[r->chunk] = NULL;
	  dp_pool_free_chunk (r->pool, r->chunk);
	  dp_promoter_stats.reclaimed++;
	  dp_free (r);
	}
      else
	{
	  r->next = dp_retired_list;
	  dp_retired_list = r;
	}
    }
}
