/* maps.c - questions about this process's address space, answered from
   /proc/self/maps: is a range plain r-x text, where are free gaps near
   some code.  Read by a helper task with a descriptor table of its own
   (fds.c) into the runtime's own memory: no stdio, no malloc and no
   descriptor of the program's, so a promoter pass may ask from inside
   any program thread.

   Owns: parsing /proc/self/maps.

   May not: write anything but the runtime's own memory.  */

#define _GNU_SOURCE
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "dp-runtime.h"

struct dp_mapping
{
  uintptr_t lo, hi;
  char perms[5];
};

typedef int (*dp_mapping_fn) (const struct dp_mapping *, void *);

static uintptr_t
dp_parse_hex (const char **p)
{
  uintptr_t v = 0;
  for (;; (*p)++)
    {
      char c = **p;
      if (c >= '0' && c <= '9')
	v = v * 16 + (uintptr_t) (c - '0');
      else if (c >= 'a' && c <= 'f')
	v = v * 16 + (uintptr_t) (c - 'a' + 10);
      else
	return v;
    }
}

/* The whole of /proc/self/maps, read by a helper task (fds.c) into a
   buffer that grows until the file fits (kept: callers hold the
   promoter's lock); NULL if it cannot be read.  */
static char *
dp_read_maps (void)
{
  static char *buf;
  static size_t size;
  for (;;)
    {
      if (!buf)
	{
	  size_t want = size ? 2 * size : 256u << 10;
	  buf = dp_map_private (want);
	  if (!buf)
	    return NULL;
	  size = want;
	}
      long len = dp_proc_read_file ("/proc/self/maps", buf, size);
      if (len < 0)
	return NULL;
      if ((size_t) len < size - 1)
	return buf;
      dp_unmap_private (buf, size);	/* it may not all have fitted */
      buf = NULL;
    }
}

/* Call FN on every mapping, in address order, until it returns nonzero.
   Returns -1 if the file cannot be read.  */
static int
dp_each_mapping (dp_mapping_fn fn, void *data)
{
  char *text = dp_read_maps ();
  if (!text)
    return -1;
  int stop = 0;
  for (char *line = text, *nl; !stop && (nl = strchr (line, '\n'));
       line = nl + 1)
    {
      *nl = '\0';
      const char *p = line;
      struct dp_mapping m;
      m.lo = dp_parse_hex (&p);
      if (*p == '-')
	p++;
      m.hi = dp_parse_hex (&p);
      while (*p == ' ')
	p++;
      memcpy (m.perms, p, 4);
      m.perms[4] = '\0';
      stop = fn (&m, data);
    }
  return 0;
}

struct dp_text_query
{
  uintptr_t lo, hi, covered;
  int ok;
};

static int
dp_text_cb (const struct dp_mapping *m, void *data)
{
  struct dp_text_query *q = data;
  if (m->hi <= q->lo || m->lo >= q->hi)
    return 0;
  if (strcmp (m->perms, "r-xp") != 0)
    {
      q->ok = 0;
      return 1;
    }
  uintptr_t a = m->lo > q->lo ? m->lo : q->lo;
  uintptr_t b = m->hi < q->hi ? m->hi : q->hi;
  q->covered += b - a;
  return 0;
}

/* True if [LO, HI) is entirely mapped as private r-x (program text).  */
int
dp_maps_range_is_text (uintptr_t lo, uintptr_t hi)
{
  struct dp_text_query q = { lo, hi, 0, 1 };
  if (dp_each_mapping (dp_text_cb, &q) != 0)
    return 0;
  return q.ok && q.covered == hi - lo;
}

struct dp_gap_query
{
  uintptr_t min, max, size, near, prev_end;
  uintptr_t *out;
  int n, cap;
};

static void
dp_gap_add (struct dp_gap_query *q, uintptr_t gap_lo, uintptr_t gap_hi)
{
  /* Keep a page of guard on each side, and clip to [min, max].  */
  const uintptr_t guard = 1 << 16;
  gap_lo += guard;
  if (gap_hi < guard)
    return;
  gap_hi -= guard;
  if (gap_lo < q->min)
    gap_lo = q->min;
  if (gap_hi > q->max + q->size)
    gap_hi = q->max + q->size;
  if (gap_hi <= gap_lo || gap_hi - gap_lo < q->size || q->n >= q->cap)
    return;
  /* The end of the gap nearest to the code.  */
  uintptr_t addr = q->near < gap_lo ? gap_lo : gap_hi - q->size;
  addr &= ~(uintptr_t) 0xffff;
  if (addr < gap_lo)
    addr = (gap_lo + 0xffff) & ~(uintptr_t) 0xffff;
  if (addr + q->size <= gap_hi)
    q->out[q->n++] = addr;
}

static int
dp_gap_cb (const struct dp_mapping *m, void *data)
{
  struct dp_gap_query *q = data;
  if (m->lo > q->prev_end)
    dp_gap_add (q, q->prev_end, m->lo);
  q->prev_end = m->hi;
  return 0;
}

static uintptr_t dp_near_for_sort;

static int
dp_by_distance (const void *a, const void *b)
{
  uintptr_t x = *(const uintptr_t *) a, y = *(const uintptr_t *) b;
  uintptr_t dx = x > dp_near_for_sort ? x - dp_near_for_sort
				      : dp_near_for_sort - x;
  uintptr_t dy = y > dp_near_for_sort ? y - dp_near_for_sort
				      : dp_near_for_sort - y;
  return dx < dy ? -1 : dx > dy;
}

/* Up to CAP addresses in [MIN, MAX] where SIZE bytes are free, nearest to
   NEAR first.  Returns how many.  Called with the promoter lock held.  */
int
dp_maps_free_gaps (uintptr_t min, uintptr_t max, uintptr_t size,
		   uintptr_t near, uintptr_t *out, int cap)
{
  struct dp_gap_query q = { min, max, size, near, 1 << 16, out, 0, cap };
  if (dp_each_mapping (dp_gap_cb, &q) != 0)
    return 0;
  /* The gap after the last mapping is the kernel's, not ours.  */
  dp_near_for_sort = near;
  qsort (out, (size_t) q.n, sizeof *out, dp_by_distance);
  return q.n;
}
