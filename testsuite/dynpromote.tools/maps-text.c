/* Purpose: after promotion, the program's code is still the program's
   file in /proc/self/maps, and no mapping is writable and executable:
   every mapping that holds a function of the program (main, the caller
   whose call the runtime patched, its two callees, one reached through
   the call pointed at it directly, one through the trampoline) names the
   program's own file (what gdb, perf and ptrace see), checked by the
   program after its own dump says the site is promoted and
   route=direct.  Fails on the runtime of this commit, which maps a memfd
   copy over text pages holding patched calls and stubs: the caller's
   mapping (and whatever shares its pages) shows "/memfd:dynpromote
   (deleted)".  Passes once the program's text is never remapped.  */
/* { dg-do run } */
/* { dg-options "-fplugin-arg-dynpromote-inline-guard" } */
/* { dg-set-env DYNPROMOTE_LEARN_PERIOD 1 } */
/* { dg-set-env DYNPROMOTE_DECIDE_SAMPLES 64 } */

#include "dp-test.h"

typedef long (*fn) (long);
NOIPA long hot (long x) { return 3 * x; }
NOIPA long cold (long x) { return 3 * x + 1; }

NOIPA long
caller (fn f, long x)
{
  long r = f (x);
  __asm__ ("" : "+r" (r));
  return r;
}

/* The path of the mapping holding ADDR, or "-" if none; *WX counts the
   mappings that are both writable and executable.  */
static const char *
mapping_of (const char *maps, const void *addr, int *wx)
{
  static char path[4096];
  strcpy (path, "-");
  *wx = 0;
  for (const char *p = maps; p && *p;)
    {
      const char *nl = strchr (p, '\n');
      unsigned long lo, hi;
      char perms[8];
      int off = 0;
      if (sscanf (p, "%lx-%lx %7s %*s %*s %*s%n", &lo, &hi, perms, &off) >= 3)
	{
	  if (perms[1] == 'w' && perms[2] == 'x')
	    ++*wx;
	  if ((unsigned long) addr >= lo && (unsigned long) addr < hi)
	    {
	      const char *q = p + off;
	      while (*q == ' ')
		q++;
	      size_t n = nl ? (size_t) (nl - q) : strlen (q);
	      if (n >= sizeof path)
		n = sizeof path - 1;
	      memcpy (path, q, n);
	      path[n] = 0;
	    }
	}
      p = nl ? nl + 1 : NULL;
    }
  return path;
}

int
main (void)
{
  static const int shares[2] = { 80, 20 };
  long wrong = 0;
  for (long i = 0; i < 20000; i++)
    {
      int k = dp_pick_share (i, shares, 2);
      if (caller (HIDE (k ? cold : hot), i) != 3 * i + k)
	wrong++;
    }
  CHECK (wrong == 0);
  char *s = dp_stats_now ();
  const char *line = dp_stats_site (s, "caller", 0);
  CHECK (line != NULL);
  CHECK (strstr (line, " state=promoted ") != NULL);
  CHECK (strstr (line, " route=direct") != NULL);
  free (s);
  printf ("promoted route=direct\n");

  char exe[4096];
  ssize_t n = readlink ("/proc/self/exe", exe, sizeof exe - 1);
  CHECK (n > 0);
  exe[n] = 0;
  char *maps = dp_read_file ("/proc/self/maps");
  CHECK (maps != NULL);
  const struct { const char *name; const void *addr; } fns[] = {
    { "main", (const void *) main }, { "caller", (const void *) caller },
    { "hot", (const void *) hot }, { "cold", (const void *) cold } };
  int wx = 0;
  for (size_t i = 0; i < sizeof fns / sizeof fns[0]; i++)
    {
      const char *path = mapping_of (maps, fns[i].addr, &wx);
      printf ("%s: %s\n", fns[i].name, strcmp (path, exe) ? path : "file");
    }
  printf ("wx mappings: %d\n", wx);
  free (maps);
  return 0;
}

/* { dg-final { scan-stdout {^promoted route=direct$} } } */
/* { dg-final { scan-stdout {^main: file$} } } */
/* { dg-final { scan-stdout {^caller: file$} } } */
/* { dg-final { scan-stdout {^hot: file$} } } */
/* { dg-final { scan-stdout {^cold: file$} } } */
/* { dg-final { scan-stdout {^wx mappings: 0$} } } */
