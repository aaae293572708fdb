/* quiesce.c - grace periods: prove that no thread is inside retired code.

   Retired code is a trampoline that no entry leads to any more: its entry
   was re-patched and every core serialised, so no thread can enter it
   again.  Trampolines contain no calls and no loops, so a thread can be
   "inside" one only if
   (a) its program counter is there (it was preempted or stopped there),
   or
   (b) a signal interrupted it there and the handler has not returned:
       the saved RIP in the signal frame, on its stack (or sigaltstack),
       points there.
   So a thread is quiescent once its PC has been seen outside the retired
   ranges and no word of its live stack (from SP to the end of the mapping
   holding SP) points into them, in one consistent snapshot.

   A grace period is a state, not a wait: dp_gp_begin lists the threads
   that exist now (threads created later cannot reach retired code), and
   each dp_gp_poll, run from a promoter pass in some program thread
   (service.c), looks at the threads not yet seen quiescent and returns
   at once.  Three ways to see a thread:

   - The polling thread itself: its PC is in the runtime, so only its own
     stack is scanned, from the stack pointer the sampling path had.
   - A thread that is blocked (sleeping in the kernel): /proc/self/task/
     TID/syscall gives its user PC and SP, and its stack is read with
     process_vm_readv.  The snapshot is consistent if the thread did not
     run meanwhile: its on-CPU time (/proc/self/task/TID/schedstat) is the
     same before and after.  Only a multi-threaded process gets here;
     the files are read by a short-lived helper task with a descriptor
     table of its own (fds.c), so no descriptor of the program's is ever
     taken.
   - A thread that is runnable: the kernel reports only "running".  It is
     sent a probe signal (rt_tgsigqueueinfo to itself, only while its
     state is R, so that a sleeping system call is rarely interrupted:
     one the thread enters between our read and the signal can end
     with EINTR, docs/patching.md "Grace periods"; and only if
     no tracer is attached to it: see dp_gp_poll), and the
     handler checks its own interrupted PC and scans its own stack while
     the interrupted context is frozen under it; the answer is read by
     the next poll.  The signal is SIGURG by default: its default action
     is to ignore it, so a probe still pending when the thread calls
     execve cannot hurt the new program, and gdb passes it silently.
     The handler is installed only when a first thread has to be probed,
     and only if the program left SIGURG at its default;
     DYNPROMOTE_PROBE_SIGNAL chooses another (0 disables probing: a
     thread that never sleeps then delays reclamation; it never makes it
     unsafe).

   If a thread cannot be seen quiescent in time, the grace period fails
   and the retired memory is kept for a later attempt: safety over
   liveness.

   Owns: the grace period mechanism (one period at a time, its
   threads and ranges), the probe signal and its handler.

   May not: know what the ranges are (grace.c chooses them), or wait:
   a pass polls.  */

#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <time.h>
#include <ucontext.h>
#include <unistd.h>

#include <valgrind/valgrind.h>

#include "dp-runtime.h"

#define DP_STACK_SCAN_MAX (8u << 20)
#define DP_POLL_BATCH 128

/* What the probe handler needs, published before each probe.  */
static const struct dp_range *volatile dp_probe_ranges;
static volatile int dp_probe_nranges, dp_probe_split;
/* One answer per probed thread: ROUND << 3 | 4 | the classes it was busy
   in (0: none yet).  A probe's sival_int is ROUND << 16 | SLOT.  */
#define DP_MAX_PROBES 4096
static volatile int dp_probe_answer[DP_MAX_PROBES];
static volatile int dp_probe_round;
int dp_probe_signal;

/* The ranges of a grace period come in two classes, each ending on its
   own: RANGES[0..SPLIT) (guard windows) and RANGES[SPLIT..N) (retired
   trampolines).  A stale word that pins one class (a program keeping a
   retired trampoline's address in a dead local) does not hold up the
   other.  Returns the classes V falls in: bit 0, bit 1.  */
static int
dp_in_ranges (uint64_t v, const struct dp_range *ranges, int n, int split)
{
  for (int i = 0; i < n; i++)
    if (v >= ranges[i].lo && v < ranges[i].hi)
      return i < split ? 1 : 2;
  return 0;
}

uint64_t
dp_monotonic_ns (void)
{
  struct timespec ts;
  clock_gettime (CLOCK_MONOTONIC, &ts);
  return (uint64_t) ts.tv_sec * 1000000000u + (uint64_t) ts.tv_nsec;
}

/* The classes that the words of a thread's stack, from SP up to the
   first address that cannot be read (the end of its mapping, for a
   stack with nothing readable above it) or DP_STACK_SCAN_MAX bytes,
   point into (3 if not even SP can be read).  Read with the
   process_vm_readv system call (raw: this runs in the probe handler,
   where a sanitizer's interceptor must not run), which fails softly
   where memory ends, instead of
   looking the mapping up in /proc/self/maps: with hundreds of mappings
   that read costs more than the scan.  Reading past the stack into a
   mapping above it can only find more words, never fewer: safe.  */
static int
dp_stack_busy_buf (uintptr_t sp, const struct dp_range *ranges, int n,
		   int split, uint64_t *buf, size_t bufsize)
{
  int busy = 0;
  sp &= ~(uintptr_t) 7;
  uintptr_t end = sp + DP_STACK_SCAN_MAX;
  long self = dp_sys (SYS_getpid, 0, 0, 0, 0, 0, 0);
  int first = 1;
  while (sp < end && busy != 3)
    {
      /* Up to a page boundary first, then whole buffers.  */
      size_t len = first ? 4096 - (sp & 4095) : bufsize;
      if (len > bufsize)
	len = bufsize;
      if (len > end - sp)
	len = end - sp;
      struct iovec local = { buf, len };
      struct iovec remote = { (void *) sp, len };
      long got = dp_sys (SYS_process_vm_readv, self, (long) &local, 1,
			 (long) &remote, 1, 0);
      if (got <= 0)
	return first ? 3 : busy;
      first = 0;
      for (size_t i = 0; i < (size_t) got / 8 && busy != 3; i++)
	busy |= dp_in_ranges (buf[i], ranges, n, split);
      if ((size_t) got < len)
	break;
      sp += (uintptr_t) got;
    }
  return busy;
}

/* The same, under the promoter's lock, with a large buffer.  */
static int
dp_stack_busy (uintptr_t sp, const struct dp_range *ranges, int n,
	       int split)
{
  static uint64_t buf[8192];
  return dp_stack_busy_buf (sp, ranges, n, split, buf, sizeof buf);
}

/* From a sleeping thread's /proc/self/task/TID/syscall text: the
   classes it is busy in, or -1 if it is running (try the probe).  */
static int
dp_sleeping_busy (const char *text, const struct dp_range *ranges, int n,
		  int split)
{
  if (!*text || !strncmp (text, "running", 7))
    return -1;
  /* "NR ARG1..ARG6 SP PC" in a system call, "-1 SP PC" outside one.  */
  unsigned long long field[9];
  int count = 0;
  char *p;
  long nr = strtol (text, &p, 10);
  while (count < 9 && *p)
    {
      char *next;
      unsigned long long v = strtoull (p, &next, 0);
      if (next == p)
	break;
      field[count++] = v;
      p = next;
    }
  int want = nr >= 0 ? 8 : 2;
  if (count < want)
    return 3;
  uintptr_t sp = (uintptr_t) field[want - 2];
  uintptr_t pc = (uintptr_t) field[want - 1];
  return dp_in_ranges (pc, ranges, n, split)
	 | dp_stack_busy (sp, ranges, n, split);
}

/* From a /proc/.../status text: the state letter (0 if none), and in
   *TRACED whether a tracer (gdb, strace, ltrace) is attached.  */
static char
dp_status_state (const char *text, int *traced)
{
  const char *state = strstr (text, "\nState:\t");
  const char *tracer = strstr (text, "\nTracerPid:\t");
  *traced = tracer && tracer[12] != '0';
  return state ? state[8] : 0;
}

/* The probe handler: runs on the probed thread, whose interrupted context
   and older frames cannot change while it runs.  */
static void
dp_probe_handler (int sig, siginfo_t *info, void *ucv)
{
  (void) sig;
  int saved_errno = errno;
  int value = info->si_value.sival_int;
  int slot = value & 0xffff;
  if (info->si_code != SI_QUEUE
      || info->si_pid != dp_sys (SYS_getpid, 0, 0, 0, 0, 0, 0)
      || (value >> 16) != (dp_probe_round & 0x7fff) || slot >= DP_MAX_PROBES)
    {
      errno = saved_errno;
      return;			/* a stale or foreign probe */
    }
  const ucontext_t *uc = ucv;
  uintptr_t pc = (uintptr_t) uc->uc_mcontext.gregs[REG_RIP];
  uintptr_t sp = (uintptr_t) uc->uc_mcontext.gregs[REG_RSP];
  const struct dp_range *ranges = dp_probe_ranges;
  int n = dp_probe_nranges, split = dp_probe_split;
  /* A new period may have begun meanwhile (on another CPU, or while
     this thread was preempted here), with a larger buffer: the old
     pointer with the new count would read past the old buffer.  It
     moves the round on before it changes them, so the same round now
     means a matching pair (x86 keeps loads in order).  */
  if ((value >> 16) != (__atomic_load_n (&dp_probe_round, __ATOMIC_ACQUIRE)
			& 0x7fff))
    {
      errno = saved_errno;
      return;
    }
  int busy = dp_in_ranges (pc, ranges, n, split);

  /* Our own stack, from the interrupted SP, read with process_vm_readv
     into a small buffer (this may run on a small alternate stack, and
     other threads' handlers run at the same time): it stops softly
     where readable memory ends, and what it reads is defined for
     memcheck, unlike the stack's padding read in place.  */
  uint64_t buf[32];
  busy |= dp_stack_busy_buf (sp, ranges, n, split, buf, sizeof buf);

  /* The answer carries its round: a late one is never taken for a
     later round's.  */
  __atomic_store_n (&dp_probe_answer[slot], (value >> 16) << 3 | 4 | busy,
		    __ATOMIC_RELEASE);
  errno = saved_errno;
}

/* The signal to probe with (DYNPROMOTE_PROBE_SIGNAL; 0: none).  Its
   handler is installed by dp_probe_usable, when first needed.  */
static int dp_probe_wanted;
static int dp_probe_tried;

/* The handler is installed and looked at with the rt_sigaction system
   call itself, not sigaction: ThreadSanitizer's sigaction interceptor
   would install its own handler in front of ours, which queues the
   signal and runs our handler later, at the thread's next intercepted
   call, with a copy of a context the thread has long left (a probe
   would then report where the thread was, not where it is); other
   preloaded libraries wrap sigaction too.  The kernel's view of a
   handler is the one that counts: one the program installs later, by
   any route, is seen here, and probing stops.  */
#define DP_SA_RESTORER 0x04000000
struct dp_kernel_sigaction
{
  void (*handler) (int, siginfo_t *, void *);
  unsigned long flags;
  void (*restorer) (void);
  uint64_t mask;
};

static int
dp_rt_sigaction (int sig, const struct dp_kernel_sigaction *sa,
		 struct dp_kernel_sigaction *old)
{
  return dp_sys (SYS_rt_sigaction, sig, (long) sa, (long) old, 8, 0, 0) == 0
	 ? 0 : -1;
}

void
dp_probe_init (int signo)
{
  dp_probe_wanted = signo > 0 ? signo : 0;
}

/* Is our handler installed, and still the one?  Installs it the first
   time, unless the program handles or ignores the signal itself; stops
   for good, silently, if the program has taken it over since.  */
static int
dp_probe_usable (void)
{
  if (!dp_probe_tried && dp_probe_wanted)
    {
      dp_probe_tried = 1;
      struct dp_kernel_sigaction old;
      if (dp_rt_sigaction (dp_probe_wanted, NULL, &old) == 0
	  && (void *) old.handler == (void *) SIG_DFL)
	{
	  struct dp_kernel_sigaction sa;
	  memset (&sa, 0, sizeof sa);
	  sa.handler = dp_probe_handler;
	  sa.flags = SA_SIGINFO | SA_RESTART | SA_ONSTACK | DP_SA_RESTORER;
	  sa.restorer = __restore_rt;
	  sa.mask = ~(uint64_t) 0;
	  if (dp_rt_sigaction (dp_probe_wanted, &sa, NULL) == 0)
	    dp_probe_signal = dp_probe_wanted;
	}
    }
  if (!dp_probe_signal)
    return 0;
  struct dp_kernel_sigaction cur;
  if (dp_rt_sigaction (dp_probe_signal, NULL, &cur) != 0
      || !(cur.flags & SA_SIGINFO)
      || cur.handler != dp_probe_handler)
    {
      dp_probe_signal = 0;
      return 0;
    }
  return 1;
}



/* The grace period in progress (one at a time; callers hold the
   promoter's lock).  */
struct dp_gp
{
  int active;
  struct dp_range *ranges; /* grow-only: a late probe handler may still
			      read an old period's ranges.  */
  int n, split, ranges_cap;
  int *tids;               /* threads that existed at the start.  */
  uint8_t *quiet;          /* classes each was seen quiescent in.  */
  int count, cap;
  int left[2];             /* threads not yet seen quiescent, by class.  */
  int round;               /* of its probes.  */
  uint64_t start_ns;
};
static struct dp_gp dp_gp;

static int
dp_gp_add_thread (int tid, void *data)
{
  (void) data;
  if (dp_gp.count == dp_gp.cap)
    {
      int cap = dp_gp.cap ? 2 * dp_gp.cap : 64;
      int *tids = dp_realloc (dp_gp.tids, (size_t) dp_gp.cap * sizeof *tids,
			      (size_t) cap * sizeof *tids);
      uint8_t *quiet = dp_realloc (dp_gp.quiet, (size_t) dp_gp.cap,
				   (size_t) cap);
      if (tids)
	dp_gp.tids = tids;
      if (quiet)
	dp_gp.quiet = quiet;
      if (!tids || !quiet)
	return 1;
      dp_gp.cap = cap;
    }
  dp_gp.tids[dp_gp.count] = tid;
  dp_gp.quiet[dp_gp.count] = 0;
  dp_gp.count++;
  return 0;
}

/* Forget the grace period in progress, if any.  */
void
dp_gp_end (void)
{
  dp_free (dp_gp.tids);
  dp_free (dp_gp.quiet);
  struct dp_range *ranges = dp_gp.ranges;
  int cap = dp_gp.ranges_cap;
  memset (&dp_gp, 0, sizeof dp_gp);
  dp_gp.ranges = ranges;
  dp_gp.ranges_cap = cap;
  /* Late probe answers find another round.  */
  __atomic_add_fetch (&dp_probe_round, 1, __ATOMIC_SEQ_CST);
}

int
dp_gp_active (void)
{
  return dp_gp.active;
}

/* Start a grace period for RANGES[0..N) (copied), which no thread can
   enter any more, in two classes split at SPLIT (dp_in_ranges).  Returns
   0, or -1 if the threads cannot be listed.  */
int
dp_gp_begin (const struct dp_range *ranges, int n, int split)
{
  dp_gp_end ();
  if (n > dp_gp.ranges_cap)
    {
      /* The old buffer is left to any late probe handler: never freed.  */
      struct dp_range *grown = dp_alloc ((size_t) n * sizeof *ranges);
      if (!grown)
	return -1;
      dp_gp.ranges = grown;
      dp_gp.ranges_cap = n;
    }
  if (n > 0)
    memcpy (dp_gp.ranges, ranges, (size_t) n * sizeof *ranges);
  dp_gp.n = n;
  dp_gp.split = split;
  /* The threads: just this one in a single-threaded process; else the
     list a helper task reads (fds.c), grown until it holds them all.  */
  if (dp_single_threaded ())
    dp_gp_add_thread ((int) syscall (SYS_gettid), NULL);
  else
    {
      int cap = 64, total;
      int *tids = NULL;
      for (;;)
	{
	  tids = dp_alloc ((size_t) cap * sizeof *tids);
	  total = tids ? dp_list_threads (tids, cap) : -1;
	  if (total <= cap)
	    break;
	  dp_free (tids);
	  cap = total + 16;
	}
      for (int i = 0; i < total && dp_gp.count == i; i++)
	dp_gp_add_thread (tids[i], NULL);
      dp_free (tids);
      if (total < 0 || total != dp_gp.count)
	{
	  dp_gp_end ();
	  return -1;
	}
    }
  /* An empty class is quiescent from the start.  */
  for (int i = 0; i < dp_gp.count; i++)
    dp_gp.quiet[i] = (split == 0 ? 1 : 0) | (split == n ? 2 : 0);
  dp_gp.left[0] = split == 0 ? 0 : dp_gp.count;
  dp_gp.left[1] = split == n ? 0 : dp_gp.count;
  dp_gp.start_ns = dp_monotonic_ns ();
  dp_gp.active = 1;
  dp_probe_ranges = dp_gp.ranges;
  dp_probe_nranges = dp_gp.n;
  dp_probe_split = dp_gp.split;
  dp_gp.round = __atomic_add_fetch (&dp_probe_round, 1, __ATOMIC_SEQ_CST)
		& 0x7fff;
  return 0;
}

/* The classes the calling thread, whose stack pointer was SP where it
   entered the runtime, is busy in.  Its PC is in the runtime.  */
static int
dp_self_busy (uintptr_t sp)
{
  return dp_stack_busy (sp, dp_gp.ranges, dp_gp.n, dp_gp.split);
}

/* Thread I was seen quiescent in the classes not in BUSY.  */
static void
dp_gp_mark (int i, int busy)
{
  int now = ~busy & 3 & ~dp_gp.quiet[i];
  for (int c = 0; c < 2; c++)
    if (now & (1 << c))
      dp_gp.left[c]--;
  dp_gp.quiet[i] |= (uint8_t) now;
}

static int
dp_gp_done_classes (void)
{
  return (dp_gp.left[0] == 0 ? 1 : 0) | (dp_gp.left[1] == 0 ? 2 : 0);
}

/* Look at every thread not yet seen quiescent, once, without waiting.
   SELF_SP is the calling thread's stack pointer where it entered the
   runtime.  Returns the classes every thread has been seen quiescent in
   (3: the period is over); *EXPIRED is set when TIMEOUT_NS has passed
   since the start (the classes not done have failed; end it).  */
int
dp_gp_poll (uintptr_t self_sp, uint64_t timeout_ns, int *expired)
{
  *expired = 0;
  int probe = 0;
  if (!dp_gp.active)
    {
      *expired = 1;
      return 0;
    }
  pid_t self = (pid_t) syscall (SYS_gettid);
  int round = dp_gp.round;

  /* The other threads still to be seen, at most DP_POLL_BATCH a poll:
     their /proc files are read by one reader (fds.c), their stacks
     scanned, and their on-CPU time read again: a snapshot counts only
     if the thread did not run meanwhile.  */
  int todo[DP_POLL_BATCH], ntodo = 0;
  for (int i = 0; i < dp_gp.count && dp_gp_done_classes () != 3; i++)
    {
      if (dp_gp.quiet[i] == 3)
	continue;
      if (dp_gp.tids[i] == self)
	{
	  dp_gp_mark (i, dp_self_busy (self_sp));
	  continue;
	}
      /* An earlier probe's answer.  */
      if (i < DP_MAX_PROBES)
	{
	  int a = __atomic_load_n (&dp_probe_answer[i], __ATOMIC_ACQUIRE);
	  if ((a >> 3) == round && (a & 4))
	    dp_gp_mark (i, a & 3);
	  if (dp_gp.quiet[i] == 3)
	    continue;
	}
      if (ntodo < DP_POLL_BATCH)
	todo[ntodo++] = i;
    }
  /* Under valgrind, /proc shows valgrind's own registers and stack for
     a thread, not the program's, and valgrind cannot run the reader
     task: no other thread can be seen, so a grace period of a
     multi-threaded program never ends there (its trampolines are not
     reused and its guards stay indirect: correct, and slower).  */
  if (dp_gp_done_classes () == 3 || ntodo == 0 || RUNNING_ON_VALGRIND)
    goto out;

  /* Buffers made once (a pass runs under the promoter's lock): mapping
     and unmapping them at every poll would cost every thread a TLB
     shootdown.  */
  static struct dp_proc_read *rd, *first, *again;
  static char *bufs;
  if (!rd)
    {
      rd = dp_alloc (DP_POLL_BATCH * 4 * sizeof *rd);
      first = dp_alloc (DP_POLL_BATCH * 3 * sizeof *rd);
      again = dp_alloc (DP_POLL_BATCH * sizeof *rd);
      bufs = dp_alloc (DP_POLL_BATCH * 4 * 512);
    }
  if (!rd || !first || !again || !bufs)
    goto out;
  static const char *const files[4] = { "schedstat", "syscall", "status",
					"schedstat" };
  for (int k = 0; k < ntodo; k++)
    for (int f = 0; f < 4; f++)
      {
	struct dp_proc_read *r = &rd[4 * k + f];
	snprintf (r->path, sizeof r->path, "/proc/self/task/%d/%s",
		  dp_gp.tids[todo[k]], files[f]);
	r->buf = bufs + (size_t) (4 * k + f) * 512;
	r->size = 512;
      }
  /* Files 0-2 first; file 3 (on-CPU time again) after the scans.  */
  for (int k = 0; k < ntodo; k++)
    memcpy (&first[3 * k], &rd[4 * k], 3 * sizeof *rd);
  int ok = dp_proc_read_many (first, 3 * ntodo) == 0;
  int busy[DP_POLL_BATCH];
  int rescan = 0;
  for (int k = 0; ok && k < ntodo; k++)
    {
      struct dp_proc_read *r = &first[3 * k];
      busy[k] = 3;
      if (r[1].gone)
	{
	  dp_gp_mark (todo[k], 0);	/* gone: quiescent */
	  continue;
	}
      if (r[0].len <= 0 || r[1].len < 0)
	continue;
      int b = dp_sleeping_busy (r[1].buf, dp_gp.ranges, dp_gp.n,
				dp_gp.split);
      if (b < 0)
	{
	  /* A running thread is probed, unless a tracer is attached to
	     it: a tracer stops at every signal the thread gets (strace
	     and gdb show or count them), and ltrace without -f
	     mishandles one sent to a thread of the program while it
	     steps over its breakpoints (calls then go wrong, or the
	     program dies).  A traced thread is seen when it sleeps or
	     when its tracer stops it (state t: /proc then shows where it
	     is), which tracers that plant breakpoints do often.  */
	  int traced;
	  if (dp_status_state (r[2].buf, &traced) == 'R' && !traced)
	    probe = 1, busy[k] = -1;
	  continue;
	}
      busy[k] = b;
      rescan = 1;
    }
  if (ok && rescan)
    {
      int m = 0;
      for (int k = 0; k < ntodo; k++)
	if (busy[k] >= 0 && busy[k] != 3)
	  again[m++] = rd[4 * k + 3];
      if (dp_proc_read_many (again, m) == 0)
	{
	  m = 0;
	  for (int k = 0; k < ntodo; k++)
	    if (busy[k] >= 0 && busy[k] != 3)
	      {
		/* The same on-CPU time: the thread did not run while its
		   stack was read.  */
		if (again[m].len > 0
		    && !strcmp (again[m].buf, first[3 * k].buf))
		  dp_gp_mark (todo[k], busy[k]);
		m++;
	      }
	}
    }

  /* Probe the threads still running; answers are read by later polls.
     The round is the grace period's: an answer that comes late (the
     thread ran its handler after this poll) still counts, since any
     answer describes a moment after the period began.  */
  if (probe && dp_probe_usable ())
    {
      for (int k = 0; k < ntodo; k++)
	{
	  int i = todo[k];
	  if (busy[k] != -1 || i >= DP_MAX_PROBES || dp_gp.quiet[i] == 3)
	    continue;
	  __atomic_store_n (&dp_probe_answer[i], 0, __ATOMIC_RELAXED);
	  siginfo_t info;
	  memset (&info, 0, sizeof info);
	  info.si_signo = dp_probe_signal;
	  info.si_code = SI_QUEUE;
	  info.si_pid = getpid ();
	  info.si_uid = getuid ();
	  info.si_value.sival_int = round << 16 | i;
	  if (syscall (SYS_rt_tgsigqueueinfo, getpid (), dp_gp.tids[i],
		       dp_probe_signal, &info) != 0 && errno == ESRCH)
	    dp_gp_mark (i, 0);	/* gone */
	}
    }
out:
  if (dp_monotonic_ns () - dp_gp.start_ns > timeout_ns)
    *expired = 1;
  return dp_gp_done_classes ();
}

