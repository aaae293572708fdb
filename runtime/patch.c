/* patch.c - how code is written: the promoter's lock, the 8-byte stores
   into stub pages, and core serialisation.

   Owns: the promoter's lock (dp_code_lock: every batch of code stores,
   the promoter's and static_call.c's, is made under it, and its unlock
   seals the batch's writable aliases: execmem.c), the freeze a fork
   that failed to make its code private imposes (dp_code_freeze), and
   dp_code_sync, which makes every core running a thread of ours
   serialise its instruction stream.

   Core serialisation: membarrier(PRIVATE_EXPEDITED_SYNC_CORE) makes every
   CPU running a thread of ours execute a core-serialising instruction
   before it returns, which is what the SDM's cross-modifying-code
   protocol asks of the executing side; without it (old kernels) an
   mprotect of a private page forces TLB-shootdown IPIs, whose interrupt
   return serialises the same CPUs.  The protocol is in docs/patching.md.

   May not: decide what to write or where a site goes (route.c, guard.c,
   promote.c); it knows addresses and values, not sites.  */

#define _GNU_SOURCE
#include <linux/membarrier.h>
#include <pthread.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "dp-runtime.h"

static pthread_mutex_t dp_promoter_lock = PTHREAD_MUTEX_INITIALIZER;

/* Set when the promoter must never write code again (a fork whose child
   did not confirm its private copies: fork.c).  */
static int dp_patching_frozen;

static int dp_sync_core_mode;	/* 1 membarrier, 2 mprotect IPIs */
static void *dp_ipi_page;

/* Choose how cores are serialised (when promotion starts).  */
void
dp_code_sync_init (void)
{
  if (syscall (SYS_membarrier,
	       MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED_SYNC_CORE, 0, 0) == 0)
    dp_sync_core_mode = 1;
  else
    {
      dp_sync_core_mode = 2;
      dp_ipi_page = dp_map_private (4096);
    }
}

/* A forked child is a new process to membarrier: register it again.  */
void
dp_code_sync_after_fork_child (void)
{
  if (dp_sync_core_mode == 1)
    syscall (SYS_membarrier,
	     MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED_SYNC_CORE, 0, 0);
}

/* Make every CPU running one of our threads serialise its instruction
   stream.  */
void
dp_code_sync (void)
{
  if (dp_sync_core_mode == 1
      && syscall (SYS_membarrier, MEMBARRIER_CMD_PRIVATE_EXPEDITED_SYNC_CORE,
		  0, 0) == 0)
    return;
  /* Fallback: changing a touched private page's protection shoots down
     its TLB entry on every CPU that runs this mm, by IPI.  */
  if (dp_ipi_page)
    {
      *(volatile char *) dp_ipi_page = 1;
      dp_sys (SYS_mprotect, (long) dp_ipi_page, 4096, PROT_READ, 0, 0, 0);
      dp_sys (SYS_mprotect, (long) dp_ipi_page, 4096,
	      PROT_READ | PROT_WRITE, 0, 0, 0);
    }
}

/* Store the aligned 8 bytes at ADDR of an adopted stub page.  */
int
dp_code_store8 (uintptr_t addr, uint64_t value)
{
  struct dp_exec_region *region = dp_execmem_find (addr);
  uint64_t *word = region ? dp_execmem_writable (region, addr) : NULL;
  if (!word)
    return -1;
  __atomic_store_n (word, value, __ATOMIC_RELEASE);
  dp_execmem_changed (addr, 8);
  return 0;
}

/* The promoter's lock.  Code patching outside the promoter (static
   calls) takes it too, so stores, adoptions and the fork gate are
   serialised with it.  */
void
dp_code_lock (void)
{
  pthread_mutex_lock (&dp_promoter_lock);
}

/* For a promoter pass, which never waits: 1 if taken.  */
int
dp_code_trylock (void)
{
  return pthread_mutex_trylock (&dp_promoter_lock) == 0;
}

/* Every batch of stores ends before the lock is released: the writable
   aliases go with it.  */
void
dp_code_unlock (void)
{
  dp_execmem_seal ();
  pthread_mutex_unlock (&dp_promoter_lock);
}

/* Never write code again (fork.c).  */
void
dp_code_freeze (void)
{
  dp_patching_frozen = 1;
}

int
dp_code_frozen (void)
{
  return dp_patching_frozen;
}

/* May code be patched now?  Only when the promoter runs (so cores can be
   serialised) and no fork froze patching.  Call with the lock held.  */
int
dp_code_patchable (void)
{
  return dp_promotion && !dp_patching_frozen;
}
