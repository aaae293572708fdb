/* fork.c - fork: the runtime's state stays consistent across it, and
   parent and child stop sharing code before either writes any.

   Stub pages and pools are shared anonymous memory, which a fork does
   not copy: until the child has made private copies (execmem.c), a
   store by either process would patch the other's code.  So the parent
   forks holding every runtime lock and waits, after the fork, for the
   child to say (through the fork gate, a shared page) that its copies
   are private; a child that could not make them, or a parent that waited
   in vain, never writes code again (dp_code_freeze).

   Owns: the fork gate and the three pthread_atfork handlers.

   May not: be called by any other file but api.c (dp_fork_init).  */

#define _GNU_SOURCE
#include <linux/futex.h>
#include <pthread.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "dp-runtime.h"

/* Shared between a parent and the child it forks: the child sets done
   once its code pages are private copies, and until then the parent
   (holding every runtime lock) writes nothing to the still-shared
   pages.  */
struct dp_fork_gate
{
  int done;
};
static struct dp_fork_gate *dp_fork_gate;

/* Lock order everywhere: stats, promoter, registry.  Holding them all
   across fork gives the child consistent runtime state; so does waiting
   for a pass under way in another thread to end.  */
static void
dp_atfork_prepare (void)
{
  dp_service_fork_prepare ();
  dp_stats_lock ();
  dp_code_lock ();
  dp_registry_lock ();
  if (dp_fork_gate)
    __atomic_store_n (&dp_fork_gate->done, 0, __ATOMIC_SEQ_CST);
}

/* Wait (up to 5 s) for the child to have made its code private.  The
   handler cannot tell a failed fork from a slow child; either way, after
   the wait the parent writes no code again.  */
static void
dp_wait_for_child_copy (void)
{
  if (!dp_fork_gate)
    return;
  uint64_t deadline = dp_monotonic_ns () + 5000000000u;
  while (!__atomic_load_n (&dp_fork_gate->done, __ATOMIC_ACQUIRE))
    {
      if (dp_monotonic_ns () > deadline)
	{
	  dp_code_freeze ();
	  return;
	}
      struct timespec ts = { 0, 1000000 };
      syscall (SYS_futex, &dp_fork_gate->done, FUTEX_WAIT, 0, &ts, NULL, 0);
    }
}

static void
dp_atfork_parent (void)
{
  dp_wait_for_child_copy ();
  dp_registry_unlock ();
  dp_code_unlock ();
  dp_stats_unlock ();
  dp_service_fork_parent ();
}

/* The child is single-threaded here.  */
static void
dp_atfork_child (void)
{
  dp_fds_after_fork_child ();
  /* If some page is still shared with the parent, neither may write code
     again: the child freezes, and the parent, never told "done", times
     out and freezes too.  */
  if (dp_execmem_after_fork_child () != 0)
    {
      /* write(2): stdio may be locked by a thread that no longer exists
	 in the child.  */
      static const char msg[] = "dynpromote: warning: a forked child"
	" could not make its code private; its calls stay as they are\n";
      dp_code_freeze ();
      if (write (2, msg, sizeof msg - 1) < 0)
	dp_code_freeze ();
    }
  else if (dp_fork_gate)
    {
      __atomic_store_n (&dp_fork_gate->done, 1, __ATOMIC_SEQ_CST);
      syscall (SYS_futex, &dp_fork_gate->done, FUTEX_WAKE, 1, NULL, NULL, 0);
    }
  dp_code_sync_after_fork_child ();
  dp_grace_after_fork_child ();
  dp_perfmap_after_fork_child ();
  dp_registry_unlock ();
  dp_code_unlock ();
  dp_stats_unlock ();
  dp_service_fork_child ();
  if (dp_grace_wanted ())
    dp_service_request ();
}

/* Map the fork gate and install the handlers (when promotion starts).
   Without a gate nothing may be promoted: -1, after a warning.  */
int
dp_fork_init (void)
{
  /* Raw system calls for the runtime's mappings: a sanitizer's mmap
     interceptor is not ours to go through.  */
  long gate = dp_sys (SYS_mmap, 0, sizeof *dp_fork_gate,
		      PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1,
		      0);
  dp_fork_gate = (unsigned long) gate > -4096ul ? NULL
		 : (struct dp_fork_gate *) gate;
  if (!dp_fork_gate)
    {
      dp_warn ("cannot map the fork gate; indirect calls stay unpromoted");
      return -1;
    }
  pthread_atfork (dp_atfork_prepare, dp_atfork_parent, dp_atfork_child);
  return 0;
}
