/* perf-map-test.h - for the perf-map*.c tests: one site, promoted, and
   what /tmp/perf-PID.map says about it.

   promote_site ()     promotes the site (fast learning settings from the
                       test), returns its site line from the dump.
   map_check (pid, t, entry, out)
                       reads /tmp/perf-PID.map, if any (0 if there is
                       none), and checks that it names the trampoline
                       at T (dynpromote.trampoline:FILE:SITE_LINE, of
                       this file's site) and the stub at ENTRY
                       (dynpromote.stub:site:FILE:SITE_LINE), every line
                       well formed; prints what it found on OUT; 1.
   map_count (pid, prefix, suffix)
                       how many lines of /tmp/perf-PID.map have a name
                       starting with PREFIX and ending with SUFFIX (-1:
                       no such file).  */

#define _GNU_SOURCE
#include <errno.h>
#include <inttypes.h>
#include "dp-test.h"

typedef long (*fn) (long);
NOIPA long f0 (long x) { return x + 1; }
NOIPA long f1 (long x) { return x + 2; }

NOIPA long site (fn f, long x) { return f (x) + 1; } enum { SITE_LINE = __LINE__ };

static char site_line[4096];

static const char *
promote_site (fn f)
{
  long sum = 0;
  for (long i = 0; i < 1000; i++)
    sum += site (HIDE (f), i);
  CHECK (sum > 0);
  char *s = dp_stats_now ();
  const char *line = dp_stats_site (s, "site", 0);
  CHECK (line != NULL);
  snprintf (site_line, sizeof site_line, "%s", line);
  free (s);
  return site_line;
}

static void
map_path (char *buf, size_t size, long pid)
{
  snprintf (buf, size, "/tmp/perf-%ld.map", pid);
}

/* Does NAME (up to its newline) end with "/perf-map-test.h:LINE" after
   PREFIX?  */
static int
names_site (const char *name, const char *prefix)
{
  char want[64];
  size_t plen = strlen (prefix);
  if (strncmp (name, prefix, plen) != 0)
    return 0;
  const char *end = strchr (name, '\n');
  snprintf (want, sizeof want, "/perf-map-test.h:%d", (int) SITE_LINE);
  size_t wlen = strlen (want), len = (size_t) (end - name);
  return len >= wlen && memcmp (end - wlen, want, wlen) == 0;
}

static int
map_check (long pid, uintptr_t t, uintptr_t entry, FILE *out)
{
  char path[64];
  map_path (path, sizeof path, pid);
  char *map = dp_read_file (path);
  if (!map)
    {
      CHECK (errno == ENOENT);
      fprintf (out, "%ld: no map\n", pid);
      return 0;
    }
  int tramp = 0, stub = 0, lines = 0;
  for (const char *p = map; *p; p = strchr (p, '\n') + 1)
    {
      CHECK (strchr (p, '\n') != NULL);	/* whole lines only */
      /* START SIZE NAME, hex without 0x.  */
      char *end;
      CHECK (p[0] != '0' || p[1] != 'x');
      uintptr_t start = strtoull (p, &end, 16);
      CHECK (end > p && *end == ' ');
      const char *q = end + 1;
      CHECK (q[0] != '0' || q[1] != 'x');
      uintptr_t size = strtoull (q, &end, 16);
      CHECK (end > q && *end == ' ' && size > 0);
      const char *name = end + 1;
      lines++;
      if (start <= t && t < start + size
	  && names_site (name, "dynpromote.trampoline:"))
	tramp++;
      if (start == entry && names_site (name, "dynpromote.stub:site:"))
	stub++;
    }
  fprintf (out, "%ld: lines=%d trampoline=%d stub=%d\n", pid, lines, tramp,
	   stub);
  CHECK (tramp == 1 && stub == 1);
  free (map);
  return 1;
}

static int
map_count (long pid, const char *prefix, const char *suffix)
{
  char path[64];
  map_path (path, sizeof path, pid);
  char *map = dp_read_file (path);
  if (!map)
    return -1;
  int n = 0;
  size_t plen = strlen (prefix), slen = strlen (suffix);
  for (const char *p = map; *p; p = strchr (p, '\n') + 1)
    {
      const char *nl = strchr (p, '\n');
      CHECK (nl != NULL);
      const char *name = strchr (strchr (p, ' ') + 1, ' ') + 1;
      if ((size_t) (nl - name) >= plen + slen
	  && strncmp (name, prefix, plen) == 0
	  && memcmp (nl - slen, suffix, slen) == 0)
	n++;
    }
  free (map);
  return n;
}
