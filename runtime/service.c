/* service.c - where and when the promoter runs: inside the program's own
   threads, never in a thread of the runtime's.

   A runtime thread would be visible: glibc would take its locked,
   multi-threaded paths in a single-threaded program, the process would
   outlive its last thread's pthread_exit, a child forked from another
   thread would inherit a second thread, and gdb would list it.  So the
   promoter's work (decisions, trampolines, patches, grace periods,
   rechecks) is done by whichever program thread is in the sampling slow
   path when work is due:

   - learn.c returns nonzero from dp_learn_sample when a site asked for a
     decision or a relearn (dp_service_wanted), or when timed work is due
     (dp_service_due_tsc: a grace period to poll, a recheck; read with
     rdtsc, no call);
   - x86_64/sample.S then blocks every signal, takes dp_service_busy (one
     thread at a time; a thread that finds it taken goes on with its
     call), saves the whole register state (xsave), switches to the
     runtime's own stack and calls dp_promoter_run (promoter.c) with the
     program's stack pointer;
   - dp_promoter_run asks dp_service_begin, which refuses in a vfork
     child (another process sharing our memory), and runs one promoter
     pass, which never waits: a grace period that needs other threads is
     polled on later passes (grace.c, quiesce.c).

   With signals blocked no handler of the program runs on the runtime's
   stack or sees the runtime's locks held, and nothing can longjmp out of
   a pass.  The pass uses no malloc, no stdio and no descriptor of the
   program's (alloc.c, fds.c), so it is safe even when the sampled call
   came from a signal handler that interrupted malloc.

   Owns: the doorbell learn.c rings without a call (dp_service_wanted,
   dp_service_due_tsc), the runtime's stack and register save area that
   sample.S switches to, dp_service_busy, and the hold across fork.

   May not: call a promoter pass (promoter.c calls down into this file,
   never the other way), wait for another thread, or let a pass run when
   dp_service_begin says no.  */

#define _GNU_SOURCE
#include <cpuid.h>
#include <errno.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "dp-runtime.h"

#define DP_SERVICE_STACK (256u << 10)

volatile int dp_service_wanted;
volatile uint64_t dp_service_due_tsc;
volatile int dp_service_busy;
volatile int dp_service_hold;	/* fork is waiting: no new pass */
uintptr_t dp_service_stack_top;
uint64_t dp_service_xsave_size;
int dp_service_xsave_mode;	/* 1 xsave, 2 fxsave (no OSXSAVE) */
uint64_t dp_service_all_signals = ~(uint64_t) 0;

static pid_t dp_service_pid;
static uint64_t dp_tsc0, dp_ns0;

/* Set up the service (the runtime's constructor): its stack, the size
   of the register save area, the process it belongs to.  */
int
dp_service_init (void)
{
  unsigned a, b, c, d;
  if (!__get_cpuid (1, &a, &b, &c, &d))
    return -1;
  if (c & bit_OSXSAVE)
    {
      __cpuid_count (0xd, 0, a, b, c, d);
      dp_service_xsave_size = b;
      dp_service_xsave_mode = 1;
    }
  else
    {
      dp_service_xsave_size = 512;
      dp_service_xsave_mode = 2;
    }
  if (dp_service_xsave_size + 16384 > DP_SERVICE_STACK)
    return -1;
  void *stack = dp_map_private (DP_SERVICE_STACK);
  if (!stack)
    return -1;
  dp_service_pid = getpid ();
  dp_tsc0 = __builtin_ia32_rdtsc ();
  dp_ns0 = dp_monotonic_ns ();
  __atomic_store_n (&dp_service_stack_top,
		    (uintptr_t) stack + DP_SERVICE_STACK, __ATOMIC_RELEASE);
  return 0;
}

/* Ask for a pass as soon as a sampled call comes by.  */
void
dp_service_request (void)
{
  __atomic_store_n (&dp_service_wanted, 1, __ATOMIC_RELEASE);
}

/* Ask for a pass at CLOCK_MONOTONIC time DUE_NS (0: no timed work).  The
   clock is turned into time-stamp-counter ticks with the rate measured
   since start-up, so the sampling path can compare without a call.  */
void
dp_service_at (uint64_t due_ns)
{
  if (!due_ns)
    {
      __atomic_store_n (&dp_service_due_tsc, 0, __ATOMIC_RELAXED);
      return;
    }
  uint64_t now_ns = dp_monotonic_ns ();
  uint64_t now_tsc = __builtin_ia32_rdtsc ();
  uint64_t wait_ns = due_ns > now_ns ? due_ns - now_ns : 0;
  /* Ticks per microsecond since start-up (at least 1).  */
  uint64_t us = (now_ns - dp_ns0) / 1000;
  uint64_t per_us = us > 1000 ? (now_tsc - dp_tsc0) / us : 1000;
  if (per_us == 0)
    per_us = 1;
  __atomic_store_n (&dp_service_due_tsc, now_tsc + wait_ns / 1000 * per_us + 1,
		    __ATOMIC_RELAXED);
}

/* The fork handlers: no pass may be under way while the process forks
   (the child would inherit a half-done one), and a child is a new
   process to serve.  */
void
dp_service_fork_prepare (void)
{
  /* No thread starts a pass from now on (learn.c looks at the hold), so
     the wait is for the one under way at most.  */
  __atomic_add_fetch (&dp_service_hold, 1, __ATOMIC_SEQ_CST);
  while (__atomic_exchange_n (&dp_service_busy, 1, __ATOMIC_ACQUIRE))
    {
      struct timespec ts = { 0, 50000 };
      nanosleep (&ts, NULL);
    }
}

void
dp_service_fork_parent (void)
{
  __atomic_store_n (&dp_service_busy, 0, __ATOMIC_RELEASE);
  __atomic_sub_fetch (&dp_service_hold, 1, __ATOMIC_SEQ_CST);
}

void
dp_service_fork_child (void)
{
  dp_service_pid = getpid ();
  __atomic_store_n (&dp_service_busy, 0, __ATOMIC_RELEASE);
  __atomic_store_n (&dp_service_hold, 0, __ATOMIC_SEQ_CST);
}

/* May a pass run here (promoter.c asks, on the runtime's stack, signals
   blocked, dp_service_busy held)?  Not in a vfork child, which shares
   our memory but is another process, whose /proc/self is not ours: it
   must not act for us.  Yes takes the doorbell's request.  */
int
dp_service_begin (void)
{
  if ((pid_t) syscall (SYS_getpid) != dp_service_pid)
    return 0;
  __atomic_store_n (&dp_service_wanted, 0, __ATOMIC_RELAXED);
  return 1;
}
