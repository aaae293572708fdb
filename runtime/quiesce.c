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

   Two ways to take that snapshot:

   - A thread that is blocked (sleeping in the kernel): /proc/self/task/
     TID/syscall gives its user PC and SP, and its stack is read with
     process_vm_readv.  The snapshot is consistent if the thread did not
     run meanwhile: its on-CPU time (/proc/self/task/TID/schedstat) is the
     same before and after.
   - A thread that is runnable: the kernel reports only "running".  It is
     sent a probe signal (rt_tgsigqueueinfo to itself, only while its
     state is R, so no sleeping system call is interrupted), and the
     handler checks its own interrupted PC and scans its own stack while
     the interrupted context is frozen under it.  DYNPROMOTE_PROBE_SIGNAL
     chooses the signal (0 disables probing: a thread that never sleeps
     then delays reclamation; it never makes it unsafe).

   If a snapshot cannot be taken in time, the grace period fails and the
   retired memory is kept for a later attempt: safety over liveness.  */

#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/futex.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <time.h>
#include <ucontext.h>
#include <unistd.h>

#include "dp-runtime.h"

#define DP_STACK_SCAN_MAX (8u << 20)

/* What the probe handler needs, published before each probe.  */
#define DP_MAX_MAPPINGS 4096

static const struct dp_range *volatile dp_probe_ranges;
static volatile int dp_probe_nranges;
static struct dp_range dp_stack_maps[DP_MAX_MAPPINGS];
static volatile int dp_stack_nmaps;
/* One answer per probed thread of the current round: 0 pending, 1 quiet,
   2 busy.  A probe's sival_int is ROUND << 16 | SLOT.  */
#define DP_MAX_PROBES 4096
static volatile int dp_probe_answer[DP_MAX_PROBES];
static volatile int dp_probe_round;
static volatile int dp_probe_answers;  /* futex: answers so far */
int dp_probe_signal;

static int
dp_in_ranges (uint64_t v, const struct dp_range *ranges, int n)
{
  for (int i = 0; i < n; i++)
    if (v >= ranges[i].lo && v < ranges[i].hi)
      return 1;
  return 0;
}

uint64_t
dp_monotonic_ns (void)
{
  struct timespec ts;
  clock_gettime (CLOCK_MONOTONIC, &ts);
  return (uint64_t) ts.tv_sec * 1000000000u + (uint64_t) ts.tv_nsec;
}

/* Read a small /proc file into BUF; length, or -1.  */
static ssize_t
dp_read_proc (pid_t tid, const char *what, char *buf, size_t size)
{
  char path[64];
  snprintf (path, sizeof path, "/proc/self/task/%d/%s", (int) tid, what);
  int fd = open (path, O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    return -1;
  ssize_t len = read (fd, buf, size - 1);
  close (fd);
  if (len >= 0)
    buf[len] = '\0';
  return len;
}

/* On-CPU time of TID in ns, or -1.  */
static long long
dp_cpu_time (pid_t tid)
{
  char buf[128];
  if (dp_read_proc (tid, "schedstat", buf, sizeof buf) <= 0)
    return -1;
  return strtoll (buf, NULL, 10);
}

/* The thread's state letter from /proc/self/task/TID/stat, or 0.  */
static char
dp_thread_state (pid_t tid)
{
  char buf[512];
  if (dp_read_proc (tid, "stat", buf, sizeof buf) <= 0)
    return 0;
  char *paren = strrchr (buf, ')');
  return paren && paren[1] == ' ' ? paren[2] : 0;
}

/* 1 if no word in [SP, END) of another thread's stack points into RANGES,
   0 if one does, -1 if it cannot be read.  */
static int
dp_remote_stack_clean (uintptr_t sp, uintptr_t end,
		       const struct dp_range *ranges, int n)
{
  static uint64_t buf[8192];
  sp &= ~(uintptr_t) 7;
  if (end - sp > DP_STACK_SCAN_MAX)
    end = sp + DP_STACK_SCAN_MAX;
  pid_t self = getpid ();
  while (sp < end)
    {
      size_t len = end - sp < sizeof buf ? end - sp : sizeof buf;
      struct iovec local = { buf, len };
      struct iovec remote = { (void *) sp, len };
      ssize_t got = process_vm_readv (self, &local, 1, &remote, 1, 0);
      if (got <= 0)
	return -1;
      for (size_t i = 0; i < (size_t) got / 8; i++)
	if (dp_in_ranges (buf[i], ranges, n))
	  return 0;
      sp += (uintptr_t) got;
    }
  return 1;
}

/* Snapshot of a sleeping thread: 1 quiescent, 0 not (yet), -1 it ran or
   is runnable (try the probe).  */
static int
dp_check_sleeping (pid_t tid, const struct dp_range *ranges, int n)
{
  long long before = dp_cpu_time (tid);
  char text[256];
  ssize_t len = dp_read_proc (tid, "syscall", text, sizeof text);
  if (len < 0)
    return errno == ENOENT ? 1 : 0;	/* gone: quiescent */
  if (len == 0 || !strncmp (text, "running", 7))
    return -1;

  /* "NR ARG1..ARG6 SP PC" in a system call, "-1 SP PC" outside one.  */
  unsigned long long field[9];
  int count = 0;
  char *p = text;
  long nr = strtol (p, &p, 10);
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
    return 0;
  uintptr_t sp = (uintptr_t) field[want - 2];
  uintptr_t pc = (uintptr_t) field[want - 1];
  if (dp_in_ranges (pc, ranges, n))
    return 0;
  uintptr_t end = dp_maps_mapping_end (sp);
  if (end == 0 || dp_remote_stack_clean (sp, end, ranges, n) != 1)
    return 0;
  long long after = dp_cpu_time (tid);
  if (before < 0 || after != before)
    return -1;			/* it ran: the snapshot may be torn */
  return 1;
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
  if (info->si_code != SI_QUEUE || info->si_pid != getpid ()
      || (value >> 16) != (dp_probe_round & 0x7fff) || slot >= DP_MAX_PROBES)
    {
      errno = saved_errno;
      return;			/* a stale or foreign probe */
    }
  const ucontext_t *uc = ucv;
  uintptr_t pc = (uintptr_t) uc->uc_mcontext.gregs[REG_RIP];
  uintptr_t sp = (uintptr_t) uc->uc_mcontext.gregs[REG_RSP];
  const struct dp_range *ranges = dp_probe_ranges;
  int n = dp_probe_nranges;
  int busy = dp_in_ranges (pc, ranges, n);

  /* Our own stack: the mapping holding the interrupted SP.  */
  uintptr_t end = 0;
  for (int i = 0; i < dp_stack_nmaps && !end; i++)
    if (sp >= dp_stack_maps[i].lo && sp < dp_stack_maps[i].hi)
      end = dp_stack_maps[i].hi;
  if (!end)
    busy = 1;			/* unknown stack: look again later */
  if (end - sp > DP_STACK_SCAN_MAX)
    end = sp + DP_STACK_SCAN_MAX;
  for (const uint64_t *w = (const uint64_t *) (sp & ~(uintptr_t) 7);
       !busy && (uintptr_t) w < end; w++)
    busy = dp_in_ranges (*w, ranges, n);

  __atomic_store_n (&dp_probe_answer[slot], busy ? 2 : 1, __ATOMIC_RELEASE);
  __atomic_add_fetch (&dp_probe_answers, 1, __ATOMIC_RELEASE);
  syscall (SYS_futex, &dp_probe_answers, FUTEX_WAKE_PRIVATE, 1, NULL, NULL,
	   0);
  errno = saved_errno;
}

/* Install the probe handler on DYNPROMOTE_PROBE_SIGNAL (default
   SIGRTMAX - 2), unless the program handles that signal itself.  */
void
dp_probe_init (int signo)
{
  if (signo <= 0)
    return;
  struct sigaction old;
  if (sigaction (signo, NULL, &old) != 0
      || (old.sa_handler != SIG_DFL && old.sa_handler != SIG_IGN))
    {
      dp_warn ("signal %d is in use; running threads cannot be probed and"
	       " may delay trampoline reuse", signo);
      return;
    }
  struct sigaction sa;
  memset (&sa, 0, sizeof sa);
  sa.sa_sigaction = dp_probe_handler;
  sa.sa_flags = SA_SIGINFO | SA_RESTART | SA_ONSTACK;
  sigfillset (&sa.sa_mask);
  if (sigaction (signo, &sa, NULL) == 0)
    dp_probe_signal = signo;
}

/* Is our handler still the one installed?  The program may have taken
   the signal over since.  */
static int
dp_probe_usable (void)
{
  if (!dp_probe_signal)
    return 0;
  struct sigaction cur;
  if (sigaction (dp_probe_signal, NULL, &cur) != 0
      || !(cur.sa_flags & SA_SIGINFO)
      || cur.sa_sigaction != dp_probe_handler)
    {
      dp_warn ("signal %d was taken over by the program; running threads"
	       " can no longer be probed", dp_probe_signal);
      dp_probe_signal = 0;
      return 0;
    }
  return 1;
}

static int
dp_collect_mapping (uintptr_t lo, uintptr_t hi, void *data)
{
  (void) data;
  if (dp_stack_nmaps < DP_MAX_MAPPINGS)
    {
      dp_stack_maps[dp_stack_nmaps].lo = lo;
      dp_stack_maps[dp_stack_nmaps].hi = hi;
      dp_stack_nmaps++;
    }
  return 0;
}

/* Probe the runnable threads TIDS[0..N) at once; ANSWER[i] becomes 1
   (quiescent), 0 (not, or no answer in time).  Threads that are not in
   state R now are left at 0 for the next round's sleeping check.  */
static void
dp_probe_running (const pid_t *tids, int count, int *answer,
		  const struct dp_range *ranges, int n)
{
  for (int i = 0; i < count; i++)
    answer[i] = 0;
  if (!dp_probe_usable ())
    return;
  if (count > DP_MAX_PROBES)
    count = DP_MAX_PROBES;
  dp_probe_ranges = ranges;
  dp_probe_nranges = n;
  int round = __atomic_add_fetch (&dp_probe_round, 1, __ATOMIC_SEQ_CST)
	      & 0x7fff;
  __atomic_store_n (&dp_probe_answers, 0, __ATOMIC_SEQ_CST);
  for (int i = 0; i < count; i++)
    dp_probe_answer[i] = 0;

  int sent = 0;
  for (int i = 0; i < count; i++)
    {
      if (dp_thread_state (tids[i]) != 'R')
	continue;
      siginfo_t info;
      memset (&info, 0, sizeof info);
      info.si_signo = dp_probe_signal;
      info.si_code = SI_QUEUE;
      info.si_pid = getpid ();
      info.si_uid = getuid ();
      info.si_value.sival_int = round << 16 | i;
      if (syscall (SYS_rt_tgsigqueueinfo, getpid (), tids[i],
		   dp_probe_signal, &info) == 0)
	sent++;
      else if (errno == ESRCH)
	dp_probe_answer[i] = 1;		/* gone */
    }

  uint64_t deadline = dp_monotonic_ns () + 100000000u;
  int got;
  while ((got = __atomic_load_n (&dp_probe_answers, __ATOMIC_ACQUIRE)) < sent
	 && dp_monotonic_ns () < deadline)
    {
      struct timespec ts = { 0, 2000000 };
      syscall (SYS_futex, &dp_probe_answers, FUTEX_WAIT_PRIVATE, got, &ts,
	       NULL, 0);
    }
  for (int i = 0; i < count; i++)
    answer[i] = __atomic_load_n (&dp_probe_answer[i], __ATOMIC_ACQUIRE) == 1;
  /* Late answers belong to this round only; the next round has another
     number, and a late handler of this one finds it moved on.  */
  __atomic_add_fetch (&dp_probe_round, 1, __ATOMIC_SEQ_CST);
}

/* Wait until every other thread is quiescent for RANGES[0..N), or
   TIMEOUT_NS passes.  Returns 0, or -1 on timeout or if the threads
   cannot be listed.  The caller must not be inside RANGES.  */
static pthread_mutex_t dp_gp_mutex = PTHREAD_MUTEX_INITIALIZER;

/* One grace period at a time: the probe state is shared.  */
void
dp_gp_lock (void)
{
  pthread_mutex_lock (&dp_gp_mutex);
}

void
dp_gp_unlock (void)
{
  pthread_mutex_unlock (&dp_gp_mutex);
}

static int dp_grace_period_locked (const struct dp_range *, int, uint64_t);

int
dp_grace_period (const struct dp_range *ranges, int n, uint64_t timeout_ns)
{
  dp_gp_lock ();
  int r = dp_grace_period_locked (ranges, n, timeout_ns);
  dp_gp_unlock ();
  return r;
}

static int
dp_grace_period_locked (const struct dp_range *ranges, int n,
			uint64_t timeout_ns)
{
  DIR *dir = opendir ("/proc/self/task");
  if (!dir)
    return -1;
  pid_t self = (pid_t) syscall (SYS_gettid);
  size_t cap = 64, count = 0;
  pid_t *pending = malloc (cap * sizeof *pending);
  struct dirent *d;
  while (pending && (d = readdir (dir)))
    {
      pid_t tid = (pid_t) atoi (d->d_name);
      if (tid <= 0 || tid == self)
	continue;
      if (count == cap)
	{
	  pid_t *grown = realloc (pending, 2 * cap * sizeof *pending);
	  if (!grown)
	    {
	      free (pending);
	      pending = NULL;
	      break;
	    }
	  pending = grown;
	  cap *= 2;
	}
      pending[count++] = tid;
    }
  closedir (dir);
  if (!pending)
    return -1;

  /* Mappings the probe handler may find a stack in.  */
  dp_stack_nmaps = 0;
  dp_maps_each_range (dp_collect_mapping, NULL);

  /* Threads created from now on cannot reach retired code.  */
  uint64_t deadline = dp_monotonic_ns () + timeout_ns;
  long pause_ns = 20000;
  int result = 0;
  pid_t *running = malloc (cap * sizeof *running);
  int *answer = malloc (cap * sizeof *answer);
  if (!running || !answer)
    count = 0, result = -1;
  while (count > 0)
    {
      size_t kept = 0, nrunning = 0;
      for (size_t i = 0; i < count; i++)
	{
	  int q = dp_check_sleeping (pending[i], ranges, n);
	  if (q < 0)
	    running[nrunning++] = pending[i];
	  else if (q == 0)
	    pending[kept++] = pending[i];
	}
      if (nrunning)
	{
	  dp_probe_running (running, (int) nrunning, answer, ranges, n);
	  for (size_t i = 0; i < nrunning; i++)
	    if (!answer[i])
	      pending[kept++] = running[i];
	}
      count = kept;
      if (count == 0)
	break;
      if (dp_monotonic_ns () > deadline)
	{
	  result = -1;
	  break;
	}
      struct timespec ts = { 0, pause_ns };
      nanosleep (&ts, NULL);
      if (pause_ns < 2000000)
	pause_ns *= 2;
      /* New thread stacks may have been mapped.  */
      dp_stack_nmaps = 0;
      dp_maps_each_range (dp_collect_mapping, NULL);
    }
  free (running);
  free (answer);
  free (pending);
  return result;
}
