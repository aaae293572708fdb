/* fds.c - the runtime's file descriptors live in a task of their own,
   never in the program's descriptor table.

   POSIX hands out the lowest free descriptor and programs rely on it
   (close (0); open ("/dev/null") must give 0; dup2 (saved, 0) must
   stay), and programs list their own descriptors (CPython's subprocess
   tests check that a child has exactly the ones it passed).  So the
   runtime holds no descriptor while the program runs, and creates none
   in the program's table at any time: everything that needs one (reading
   /proc/self/maps and other threads' /proc files, listing the threads,
   creating and mapping a memfd) runs in a helper task that the calling
   thread clones for the purpose (dp_private_call):

   - CLONE_VM: it works on our address space (its mmap calls map into the
     program), but not CLONE_FILES: it gets a copy of the descriptor
     table, and what it opens there goes away with it;
   - CLONE_THREAD and CLONE_SIGHAND: it is in our thread group, so /proc
     grants it what it grants us (no ptrace check against a stranger);
   - it starts with every signal blocked, on a stack of the runtime's,
     makes raw system calls only (it shares the caller's TLS, so no errno
     and no cancellation point), and the caller waits for it to exit
     (CLONE_CHILD_CLEARTID): it lives for tens of microseconds;
   - CLONE_UNTRACED: a tracer that follows threads (gdb, strace -f,
     ltrace -f) is not attached to it, so gdb does not list it and
     tracers neither stop it nor see its system calls;
   - it is made with the clone system call itself (dp_clone_helper,
     x86_64/syscall.S), as the signal mask around it is set: sanitizers
     intercept glibc's clone and pthread_sigmask.

   In a single-threaded process (the common case), the function runs in
   the calling thread with every signal blocked: nothing else can look
   at the descriptor table before it closes what it opened, and gdb sees
   no task come and go.  So it does under valgrind, which cannot run
   such a clone, and where clone is refused (a seccomp filter): there
   its descriptors exist for the microseconds until it closes them,
   which only another thread of a multi-threaded program could see.

   Owns: the helper task, and every descriptor the runtime ever holds:
   /proc reads, thread lists, memfds.

   May not: open a file outside dp_private_call.  */

#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/futex.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/single_threaded.h>
#include <sys/syscall.h>
#include <unistd.h>
#include <valgrind/valgrind.h>

#include "dp-runtime.h"

#define DP_HELPER_STACK (64u << 10)

/* The last helper's id while it may still be running on its stack (the
   kernel clears it when the helper has exited).  */
static volatile pid_t child_tid;

/* In a forked child: the parent's helper is not the child's.  */
void
dp_fds_after_fork_child (void)
{
  child_tid = 0;
}

struct dp_helper_job
{
  int (*fn) (void *);
  void *arg;
  int result;
  volatile int done;       /* futex: FN has returned.  */
};

int
dp_helper_main (void *arg)
{
  struct dp_helper_job *job = arg;
  job->result = job->fn (job->arg);
  /* The caller may go on as soon as this is seen (and may reuse JOB's
     memory): nothing below touches JOB but the wake.  */
  __atomic_store_n (&job->done, 1, __ATOMIC_RELEASE);
  dp_sys (SYS_futex, (long) &job->done, FUTEX_WAKE, 1, 0, 0, 0);
  return 0;
}

/* Run FN (ARG) in a helper task with a descriptor table of its own (see
   above); FN must make raw system calls only (dp_sys).  Returns what FN
   returned.  */
int
dp_private_call (int (*fn) (void *), void *arg)
{
  static void *stack;
  struct dp_helper_job job = { fn, arg, -1, 0 };
  int saved_errno = errno;	/* the program's (C: 0 at start-up) */
  /* In a single-threaded process, with every signal blocked, nothing
     can see a descriptor that is opened and closed before we return:
     FN runs here, and a debugger sees no task come and go.  */
  if (RUNNING_ON_VALGRIND || dp_single_threaded ()
      || (!stack && !(stack = dp_map_private (DP_HELPER_STACK))))
    {
      uint64_t all = ~(uint64_t) 0, old;
      dp_sys (SYS_rt_sigprocmask, SIG_SETMASK, (long) &all, (long) &old, 8,
	      0, 0);
      job.result = fn (arg);
      dp_sys (SYS_rt_sigprocmask, SIG_SETMASK, (long) &old, 0, 8, 0, 0);
      errno = saved_errno;
      return job.result;
    }
  /* The stack is free once the previous helper has exited.  */
  pid_t seen;
  while ((seen = child_tid) != 0)
    syscall (SYS_futex, &child_tid, FUTEX_WAIT, seen, NULL, NULL, 0);
  child_tid = 1;
  long flags = CLONE_VM | CLONE_THREAD | CLONE_SIGHAND | CLONE_SYSVSEM
	       | CLONE_CHILD_CLEARTID | CLONE_PARENT_SETTID | CLONE_UNTRACED;
  /* The helper starts with the caller's signal mask: all blocked, so
     that no signal of the program's is ever delivered to it (a pass has
     them blocked already; dynpromote_synchronize and a dump's pass do
     not).  The mask is set, and the task cloned, with raw system calls
     (dp_clone_helper, x86_64/syscall.S): a sanitizer's clone interceptor
     takes every clone for a fork (ThreadSanitizer's resets its state for
     a "child" that shares our memory, and hands it an argument block on
     the interceptor's own stack, gone by the time the helper reads it),
     and its pthread_sigmask interceptor may run a handler it deferred.  */
  uint64_t all = ~(uint64_t) 0, old;
  dp_sys (SYS_rt_sigprocmask, SIG_SETMASK, (long) &all, (long) &old, 8, 0,
	  0);
  long tid = dp_clone_helper (flags, (char *) stack + DP_HELPER_STACK,
			      (pid_t *) &child_tid, (pid_t *) &child_tid,
			      &job);
  if (tid >= 0)
    {
      /* The caller need not wait for the helper's exit (the next call
	 does, before it reuses the stack): only a multi-threaded
	 process gets here (glibc never turns it single-threaded again),
	 and its thread count moves anyway.  */
      while (!__atomic_load_n (&job.done, __ATOMIC_ACQUIRE))
	syscall (SYS_futex, &job.done, FUTEX_WAIT, 0, NULL, NULL, 0);
    }
  else
    child_tid = 0;
  dp_sys (SYS_rt_sigprocmask, SIG_SETMASK, (long) &old, 0, 8, 0, 0);
  if (tid < 0)
    job.result = fn (arg);
  errno = saved_errno;
  return job.result;
}

/* Is this the process's only thread?  glibc's word: a program that
   makes threads with a raw clone breaks glibc's own assumptions too.  */
int
dp_single_threaded (void)
{
  return __libc_single_threaded;
}

/* Read PATH into BUF (at most SIZE - 1 bytes, NUL-terminated): the
   length, or -errno.  In the helper task.  */
static long
dp_read_whole (const char *path, char *buf, size_t size)
{
  long fd = dp_sys (SYS_open, (long) path, O_RDONLY | O_CLOEXEC, 0, 0, 0, 0);
  if (fd < 0)
    return fd;
  size_t have = 0;
  long got = 0;
  while (have < size - 1
	 && (got = dp_sys (SYS_read, fd, (long) (buf + have),
			   (long) (size - 1 - have), 0, 0, 0)) > 0)
    have += (size_t) got;
  dp_sys (SYS_close, fd, 0, 0, 0, 0, 0);
  buf[have] = '\0';
  return got < 0 ? got : (long) have;
}

struct dp_read_job
{
  struct dp_proc_read *reads;
  int n;
};

static int
dp_read_many_main (void *arg)
{
  struct dp_read_job *job = arg;
  for (int i = 0; i < job->n; i++)
    {
      struct dp_proc_read *r = &job->reads[i];
      long len = dp_read_whole (r->path, r->buf, r->size);
      r->gone = len == -ENOENT || len == -ESRCH;
      r->len = len < 0 ? -1 : len;
    }
  return 0;
}

/* Read every READS[i].path into its buffer (len -1, and gone set if the
   file no longer exists, when it could not be read).  Returns 0.  */
int
dp_proc_read_many (struct dp_proc_read *reads, int n)
{
  struct dp_read_job job = { reads, n };
  return dp_private_call (dp_read_many_main, &job);
}

struct dp_file_job
{
  const char *path;
  char *buf;
  size_t size;
  long len;
};

static int
dp_read_file_main (void *arg)
{
  struct dp_file_job *job = arg;
  job->len = dp_read_whole (job->path, job->buf, job->size);
  return 0;
}

/* Read PATH into BUF (SIZE bytes, NUL-terminated): its length, or -1.
   A length of SIZE - 1 means the buffer may have been too small.  */
long
dp_proc_read_file (const char *path, char *buf, size_t size)
{
  struct dp_file_job job = { path, buf, size, -1 };
  dp_private_call (dp_read_file_main, &job);
  return job.len < 0 ? -1 : job.len;
}

struct dp_dirent64
{
  uint64_t ino;
  int64_t off;
  unsigned short reclen;
  unsigned char type;
  char name[];
};

struct dp_threads_job
{
  int *tids;
  int cap, count;
};

static int
dp_threads_main (void *arg)
{
  struct dp_threads_job *job = arg;
  long fd = dp_sys (SYS_open, (long) "/proc/self/task",
		    O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0, 0, 0, 0);
  if (fd < 0)
    return -1;
  char buf[4096] __attribute__ ((aligned (8)));
  long got;
  while ((got = dp_sys (SYS_getdents64, fd, (long) buf, sizeof buf, 0, 0,
			0)) > 0)
    for (long at = 0; at < got;)
      {
	const struct dp_dirent64 *d = (const void *) (buf + at);
	at += d->reclen;
	int tid = 0;
	for (const char *c = d->name; *c >= '0' && *c <= '9'; c++)
	  tid = tid * 10 + (*c - '0');
	if (tid <= 0)
	  continue;
	if (job->count < job->cap)
	  job->tids[job->count] = tid;
	job->count++;
      }
  dp_sys (SYS_close, fd, 0, 0, 0, 0, 0);
  return got < 0 ? -1 : 0;
}

/* The ids of the process's threads, at most CAP into TIDS (the helper
   task itself excluded): how many there are, or -1.  */
int
dp_list_threads (int *tids, int cap)
{
  int *all = dp_alloc ((size_t) (cap + 1) * sizeof *all);
  if (!all)
    return -1;
  struct dp_threads_job job = { all, cap + 1, 0 };
  int r = dp_private_call (dp_threads_main, &job);
  /* The helper lists itself: leave out a thread that no longer exists
     (it has exited by now).  */
  int n = 0;
  int listed = job.count < job.cap ? job.count : job.cap;
  for (int i = 0; i < listed && r == 0; i++)
    if (all[i] == (int) syscall (SYS_gettid)
	|| syscall (SYS_tgkill, getpid (), all[i], 0) == 0)
      {
	if (n < cap)
	  tids[n] = all[i];
	n++;
      }
  dp_free (all);
  return r == 0 ? n + (job.count > job.cap ? job.count - job.cap : 0) : -1;
}
