/* fds.c - the file descriptors the runtime keeps, and the one question
   they answer most often: is the process single-threaded?

   POSIX hands out the lowest free descriptor and programs rely on it
   (close (0); open ("/dev/null") must give 0; dup2 (saved, 0) must stay
   0).  So the files the runtime reads again and again (/proc/self/maps,
   the /proc/self/task directory, the memfd behind its executable memory)
   are opened while nothing of the program can race with it (the
   constructor, a forked child before fork returns) and moved at once to
   a number far above where programs allocate (DP_FD_BASE and up,
   close-on-exec, so none crosses exec).  They are read with pread and
   getdents from offset 0, which needs no new descriptor.

   A kept descriptor is checked before every use (the same device and
   inode as when it was kept): programs close descriptors they do not
   know (daemons close them all).  A lost one is never touched again, as
   that number may be the program's now; it is reopened only in a
   single-threaded process, where the runtime runs inside the program's
   only thread (service.c) and a transient descriptor cannot be seen.

   May not: open a file in a multi-threaded process except through
   dp_fd_open_transient, whose callers say why.  */

#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <linux/futex.h>
#include <sched.h>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/single_threaded.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "dp-runtime.h"

struct dp_kept_fd
{
  int fd;                  /* -1: none.  */
  dev_t dev;
  ino_t ino;
};

static struct dp_kept_fd dp_kept[DP_FD_COUNT] = {
  { -1, 0, 0 }, { -1, 0, 0 }, { -1, 0, 0 }
};
static int dp_fd_base;

/* Descriptors from this number up are far above where programs
   allocate (the lowest free one) but below the soft limit.  */
static int
dp_fd_base_number (void)
{
  if (dp_fd_base)
    return dp_fd_base;
  struct rlimit rl;
  long limit = 1024;
  if (getrlimit (RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur != RLIM_INFINITY)
    limit = (long) rl.rlim_cur;
  long base = limit > 1040 ? 1000 : limit - 24;
  if (base < 3)
    base = limit / 2;
  dp_fd_base = (int) base;
  return dp_fd_base;
}

/* Move FD (just opened) to a high number, close-on-exec; the old number
   is closed.  Returns the new descriptor, or -1 (FD closed).  With
   TARGET >= 0, FD goes exactly there (a forked child reopening a kept
   file keeps its number).  */
static int
dp_fd_move_high (int fd, int target)
{
  if (fd < 0)
    return -1;
  int high;
  if (target >= 0)
    high = dup3 (fd, target, O_CLOEXEC) < 0 ? -1 : target;
  else
    high = fcntl (fd, F_DUPFD_CLOEXEC, dp_fd_base_number ());
  close (fd);
  return high;
}

static int
dp_fd_open_kind (enum dp_kept_kind kind)
{
  switch (kind)
    {
    case DP_FD_MAPS:
      return open ("/proc/self/maps", O_RDONLY | O_CLOEXEC);
    case DP_FD_TASKS:
      return open ("/proc/self/task", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    default:
      return -1;
    }
}

/* Keep FD as KIND (moved high; at TARGET if >= 0).  Returns the kept
   descriptor or -1.  */
int
dp_fd_keep (enum dp_kept_kind kind, int fd, int target)
{
  int high = dp_fd_move_high (fd, target);
  struct stat st;
  if (high < 0 || fstat (high, &st) != 0)
    {
      if (high >= 0)
	close (high);
      dp_kept[kind].fd = -1;
      return -1;
    }
  dp_kept[kind].fd = high;
  dp_kept[kind].dev = st.st_dev;
  dp_kept[kind].ino = st.st_ino;
  return high;
}

/* Is the kept descriptor of KIND still the file we kept?  */
static int
dp_fd_intact (enum dp_kept_kind kind)
{
  struct stat st;
  const struct dp_kept_fd *k = &dp_kept[kind];
  return k->fd >= 0 && fstat (k->fd, &st) == 0 && st.st_dev == k->dev
	 && st.st_ino == k->ino;
}

/* The kept descriptor of KIND, reopened if it was lost and that cannot
   be seen; -1 if there is none now.  */
int
dp_fd_get (enum dp_kept_kind kind)
{
  if (dp_fd_intact (kind))
    return dp_kept[kind].fd;
  dp_kept[kind].fd = -1;	/* lost: that number is not ours any more */
  if (kind == DP_FD_MEMFD || !dp_single_threaded ())
    return -1;
  return dp_fd_keep (kind, dp_fd_open_kind (kind), -1);
}

/* Open the /proc files the runtime keeps (the constructor).  */
void
dp_fds_open (void)
{
  dp_fd_keep (DP_FD_MAPS, dp_fd_open_kind (DP_FD_MAPS), -1);
  dp_fd_keep (DP_FD_TASKS, dp_fd_open_kind (DP_FD_TASKS), -1);
}

/* In a forked child (single-threaded, before fork returns): the kept
   /proc descriptors still describe the parent; reopen them on the same
   numbers.  */
void
dp_fds_after_fork_child (void)
{
  for (int kind = DP_FD_MAPS; kind <= DP_FD_TASKS; kind++)
    if (dp_fd_intact ((enum dp_kept_kind) kind))
      dp_fd_keep ((enum dp_kept_kind) kind,
		  dp_fd_open_kind ((enum dp_kept_kind) kind),
		  dp_kept[kind].fd);
}

/* Read the kept file KIND from offset 0 into BUF; length or -1.  */
long
dp_fd_pread (enum dp_kept_kind kind, char *buf, size_t size, long off)
{
  int fd = dp_fd_get (kind);
  if (fd < 0)
    return -1;
  return pread (fd, buf, size, off);
}

struct dp_dirent64
{
  uint64_t ino;
  int64_t off;
  unsigned short reclen;
  unsigned char type;
  char name[];
};

/* Call FN on the id of every thread of the process (stopping when it
   returns nonzero).  Returns the number of threads, or -1.  */
int
dp_each_thread (int (*fn) (int tid, void *data), void *data)
{
  int fd = dp_fd_get (DP_FD_TASKS);
  if (fd < 0 || lseek (fd, 0, SEEK_SET) != 0)
    return -1;
  char buf[4096] __attribute__ ((aligned (8)));
  int count = 0, stop = 0;
  for (;;)
    {
      long got = syscall (SYS_getdents64, fd, buf, sizeof buf);
      if (got < 0)
	return -1;
      if (got == 0)
	break;
      for (long at = 0; at < got;)
	{
	  const struct dp_dirent64 *d = (const void *) (buf + at);
	  at += d->reclen;
	  pid_t tid = 0;
	  for (const char *c = d->name; *c >= '0' && *c <= '9'; c++)
	    tid = tid * 10 + (*c - '0');
	  if (tid <= 0)
	    continue;
	  count++;
	  if (!stop && fn)
	    stop = fn (tid, data);
	}
    }
  return count;
}

/* Is this the process's only thread?  glibc knows the threads it made;
   the task list also counts any made with a raw clone.  */
int
dp_single_threaded (void)
{
  if (!__libc_single_threaded)
    return 0;
  if (!dp_fd_intact (DP_FD_TASKS))
    return 1;			/* glibc's word is all there is */
  return dp_each_thread (NULL, NULL) == 1;
}

/* Reading other threads' /proc files (a grace period in a
   multi-threaded process) needs one descriptor per file, and any
   descriptor the runtime opened while another thread of the program
   runs could be the one that thread's open, dup or pipe should have
   got.  So the files are read by a short-lived task of our thread group
   that does not share the program's descriptor table (clone without
   CLONE_FILES: it works on a copy, which goes away with it): it opens,
   reads and closes, while the calling thread waits for it to exit.  It
   runs with every signal blocked (the caller's mask), on a stack of the
   runtime's, and makes raw system calls only.  */
struct dp_reader
{
  struct dp_proc_read *reads;
  int n;
};

/* A system call that touches no thread-local state (the reader shares
   the caller's TLS, so not even errno): -errno on failure.  */
static long
dp_raw_syscall3 (long nr, long a, long b, long c)
{
  long ret;
  __asm__ volatile ("syscall"
		    : "=a" (ret)
		    : "0" (nr), "D" (a), "S" (b), "d" (c)
		    : "rcx", "r11", "memory");
  return ret;
}

static int
dp_reader_main (void *arg)
{
  struct dp_reader *job = arg;
  for (int i = 0; i < job->n; i++)
    {
      struct dp_proc_read *r = &job->reads[i];
      r->len = -1;
      r->gone = 0;
      long fd = dp_raw_syscall3 (SYS_open, (long) r->path,
				 O_RDONLY | O_CLOEXEC, 0);
      if (fd < 0)
	{
	  r->gone = fd == -ENOENT || fd == -ESRCH;
	  continue;
	}
      long len = dp_raw_syscall3 (SYS_read, fd, (long) r->buf,
				  (long) r->size - 1);
      dp_raw_syscall3 (SYS_close, fd, 0, 0);
      r->len = len;
      if (len >= 0)
	r->buf[len] = '\0';
    }
  return 0;
}

#define DP_READER_STACK (64u << 10)

/* Read every READS[i].path into its buffer (len -1 and gone set if it
   could not be opened).  Returns 0, or -1 if no reader could run (then
   nothing was read).  */
int
dp_proc_read_many (struct dp_proc_read *reads, int n)
{
  static void *stack;
  if (!stack && !(stack = dp_map_private (DP_READER_STACK)))
    return -1;
  struct dp_reader job = { reads, n };
  static volatile pid_t child_tid;
  child_tid = 1;
  int flags = CLONE_VM | CLONE_THREAD | CLONE_SIGHAND | CLONE_SYSVSEM
	      | CLONE_CHILD_CLEARTID | CLONE_PARENT_SETTID;
  int tid = clone (dp_reader_main, (char *) stack + DP_READER_STACK, flags,
		   &job, (pid_t *) &child_tid, NULL, (pid_t *) &child_tid);
  if (tid < 0)
    return -1;
  /* The kernel clears child_tid and wakes us when the reader exits.  */
  pid_t seen;
  while ((seen = child_tid) != 0)
    syscall (SYS_futex, &child_tid, FUTEX_WAIT, seen, NULL, NULL, 0);
  return 0;
}
