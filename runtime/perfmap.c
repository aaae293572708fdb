/* perfmap.c - names for the runtime's code in perf: /tmp/perf-PID.map.

   perf names samples in executable memory that no file backs from the
   text file /tmp/perf-PID.map, one line a symbol, "START SIZE NAME"
   (START and SIZE in hex without 0x), which the program writes and perf
   reads when it reports (tools/perf/Documentation/jit-interface.txt).
   With DYNPROMOTE_PERF_MAP=1 (settings.c; off by default: it leaves a file
   in /tmp) the runtime writes a line for every trampoline it writes
   (dynpromote.trampoline:FILE:LINE, the name gdb gets from jit.c) and,
   through dp_perfmap_add_stubs, for the entry stubs of an object whose
   stub pages it maps over (dynpromote.stub:FUNC:FILE:LINE): perf names
   those from the object's own symbols only while the pages are the
   object's.

   A promoter pass may not create a descriptor in the program's table,
   nor use stdio or malloc (dp-runtime.h): lines are formatted by hand
   into dp_alloc memory during the pass, and the pass ends with one
   dp_perfmap_flush, which appends what is new with one helper task
   (fds.c: open with O_APPEND, write, close, in raw system calls).  The
   file is only ever appended to, as the convention asks, so another
   JIT in the same process can write its lines to it too.

   Known limits of the format: a line is never taken back, so a chunk
   reused for another site's trampoline (after a grace period) has two
   lines for one address, and perf picks one of them for every sample in
   it; and the file outlives the process.  A forked child has a pid of
   its own: it starts its file with every line its parent wrote
   (dp_perfmap_after_fork_child: its code is the parent's, at the same
   addresses), which is why the lines are all kept, in memory, while the
   setting is on (about 90 bytes a trampoline).

   All of it runs under the promoter's lock.

   Owns: /tmp/perf-PID.map and the lines kept for it.

   May not: write the file outside fds.c's helper task.  */

#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "dp-runtime.h"


/* Every line written or to be written since start-up (a forked child
   starts with its parent's): [0, flushed) is in the file.  */
static char *dp_perfmap_buf;
static size_t dp_perfmap_len, dp_perfmap_cap, dp_perfmap_flushed;
static int dp_perfmap_failed;

/* Room for N more bytes: 0, or -1 if there is no memory.  */
static int
dp_perfmap_reserve (size_t n)
{
  if (dp_perfmap_len + n <= dp_perfmap_cap)
    return 0;
  size_t cap = dp_perfmap_cap ? 2 * dp_perfmap_cap : 4096;
  while (cap < dp_perfmap_len + n)
    cap *= 2;
  char *buf = dp_realloc (dp_perfmap_buf, dp_perfmap_len, cap);
  if (!buf)
    return -1;
  dp_perfmap_buf = buf;
  dp_perfmap_cap = cap;
  return 0;
}

static void
dp_perfmap_put (const char *s, size_t n)
{
  memcpy (dp_perfmap_buf + dp_perfmap_len, s, n);
  dp_perfmap_len += n;
}

/* V in hex, no 0x, into BUF (at least 17 bytes): its length.  */
static size_t
dp_perfmap_hex (char *buf, uint64_t v)
{
  char digits[16];
  size_t n = 0;
  do
    digits[n++] = "0123456789abcdef"[v & 15];
  while ((v >>= 4) != 0);
  for (size_t i = 0; i < n; i++)
    buf[i] = digits[n - 1 - i];
  return n;
}

/* A line for the code at [ADDR, ADDR + SIZE) named NAME, written at the
   end of the pass.  */
void
dp_perfmap_add (uintptr_t addr, size_t size, const char *name)
{
  if (!dp_perf_map || dp_perfmap_failed)
    return;
  char line[64];
  size_t n = dp_perfmap_hex (line, addr);
  line[n++] = ' ';
  n += dp_perfmap_hex (line + n, size);
  line[n++] = ' ';
  size_t name_len = strlen (name);
  /* Whole lines only (a line cut short would run into the next).  */
  if (dp_perfmap_reserve (n + name_len + 1) != 0)
    return;
  dp_perfmap_put (line, n);
  dp_perfmap_put (name, name_len);
  dp_perfmap_put ("\n", 1);
}

/* The entry stubs of OBJ, now in pages the runtime mapped over the
   object's own: one line a site, from its entry to the next site's (or
   over the longest stub, DP_STUB_MAX, within the stub pages).  */
void
dp_perfmap_add_stubs (const struct dp_object *obj)
{
  if (!dp_perf_map || dp_perfmap_failed)
    return;
  for (const struct dp_site_record *rec = obj->begin; rec < obj->end; rec++)
    {
      uintptr_t entry = (uintptr_t) DP_REL (rec, entry_rel);
      size_t size = DP_STUB_MAX;
      if (obj->stubs_hi - entry < size)
	size = obj->stubs_hi - entry;
      /* The plugin emits records and stubs in the same order (were it
	 not so, the bound above would still hold).  */
      if (rec + 1 < obj->end)
	{
	  uintptr_t next = (uintptr_t) DP_REL (rec + 1, entry_rel);
	  if (next > entry && next - entry < size)
	    size = next - entry;
	}
      char name[DP_CODE_NAME_MAX];
      dp_code_name (name, sizeof name, "stub", rec, 1);
      dp_perfmap_add (entry, size, name);
    }
}

struct dp_perfmap_job
{
  char path[64];
  const char *buf;
  size_t len;
  long err;                /* out: 0 or -errno.  */
};

/* In the helper task (fds.c): raw system calls only.  */
static int
dp_perfmap_write_main (void *arg)
{
  struct dp_perfmap_job *job = arg;
  long fd = dp_sys (SYS_open, (long) job->path,
		    O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644, 0, 0, 0);
  if (fd < 0)
    {
      job->err = fd;
      return -1;
    }
  job->err = 0;
  for (size_t done = 0; done < job->len;)
    {
      long n = dp_sys (SYS_write, fd, (long) (job->buf + done),
		       (long) (job->len - done), 0, 0, 0);
      if (n == -EINTR)
	continue;
      if (n <= 0)
	{
	  job->err = n < 0 ? n : -EIO;
	  break;
	}
      done += (size_t) n;
    }
  dp_sys (SYS_close, fd, 0, 0, 0, 0, 0);
  return job->err ? -1 : 0;
}

/* Append [FROM, dp_perfmap_len) to this process's map.  */
static void
dp_perfmap_write (size_t from)
{
  struct dp_perfmap_job job;
  static const char prefix[] = "/tmp/perf-";
  memcpy (job.path, prefix, sizeof prefix - 1);
  size_t at = sizeof prefix - 1;
  char digits[16];
  int n = 0;
  for (unsigned long pid = (unsigned long) dp_sys (SYS_getpid, 0, 0, 0, 0,
						   0, 0);
       n == 0 || pid; pid /= 10)
    digits[n++] = (char) ('0' + pid % 10);
  while (n > 0)
    job.path[at++] = digits[--n];
  memcpy (job.path + at, ".map", 5);
  job.buf = dp_perfmap_buf + from;
  job.len = dp_perfmap_len - from;
  job.err = -EIO;
  if (dp_private_call (dp_perfmap_write_main, &job) != 0)
    {
      /* No strerror: it may take the locale's locks.  */
      dp_warn ("DYNPROMOTE_PERF_MAP: cannot write %s (errno %ld); perf"
	       " will not name the runtime's code", job.path, -job.err);
      dp_perfmap_failed = 1;
      return;
    }
  dp_perfmap_flushed = dp_perfmap_len;
}

/* The end of a pass: append the lines it added.  */
void
dp_perfmap_flush (void)
{
  if (dp_perf_map && !dp_perfmap_failed
      && dp_perfmap_flushed < dp_perfmap_len)
    dp_perfmap_write (dp_perfmap_flushed);
}

/* In a forked child (single-threaded, from the atfork handler, after
   fds.c forgot the parent's helper): the child's own file gets every
   line the parent had, and those of the parent's pass not yet
   flushed.  */
void
dp_perfmap_after_fork_child (void)
{
  if (dp_perf_map && !dp_perfmap_failed && dp_perfmap_len)
    dp_perfmap_write (0);
}
