/* trampolines.c - print the code the runtime wrote for this program's
   call sites, with every address made independent of where things were
   mapped, so that two runtimes can be compared byte for byte
   (bench/trampolines runs it).

   Three sites, with fixed, far-apart target weights (8:4:2:1, 2^k) so
   that every run promotes the same targets in the same order:
     few    four targets in the program
     many   eight targets in the program
     libc   four targets in libc, out of rel32 reach of a PIE program's
            pools: reached through the program's own PLT (via_plt)
   Built plain, each site gets a trampoline; built with retpolines, the
   inline guard sends the hottest target straight from the call site
   (route=direct) and the trampoline holds the others.

   After the calls it writes the statistics dump, reads back each site's
   entry and trampoline addresses, and prints, per site: the entry patch
   point, the hit patch point (guarded sites), and the trampoline,
   decoded as runtime/x86_64/codegen.c lays it out; each rel32 and each
   compared quad is printed as what it designates (T+N inside the
   trampoline, entry+N in the stub, else OBJECT+0xOFFSET [SYMBOL] from
   dladdr), every other byte as hex.  Anything that does not decode is
   printed raw, so it differs too.  */

#define _GNU_SOURCE
/* glibc's ctype.h: no macros and no inline copies, so that the direct
   calls below go through the program's PLT.  */
#define __NO_CTYPE 1
#include <ctype.h>
#include <dlfcn.h>
#include <dynpromote.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NOIPA __attribute__ ((noipa))

typedef int (*fn) (int);

#define T(n) NOIPA static int t##n (int x) { return x + n; }
T (0) T (1) T (2) T (3) T (4) T (5) T (6) T (7)

static fn few_targets[] = { t0, t1, t2, t3 };
static fn many_targets[] = { t0, t1, t2, t3, t4, t5, t6, t7 };
static fn libc_targets[] = { toupper, tolower, isdigit, isalpha };

NOIPA static int call_few (fn f, int x) { return f (x); }
NOIPA static int call_many (fn f, int x) { return f (x); }
NOIPA static int call_libc (fn f, int x) { return f (x); }

/* Direct calls: the program's PLT entries for the libc targets.  */
NOIPA static int
libc_direct (int x)
{
  return toupper (x) + tolower (x) + isdigit (x) + isalpha (x);
}

/* Index I of N targets, drawn so that target k is twice as likely as
   target k + 1.  */
static int
pick (unsigned i, int n)
{
  unsigned total = (1u << n) - 1, r = (i * 2654435761u) % total;
  for (int k = 0; k < n; k++)
    {
      unsigned w = 1u << (n - 1 - k);
      if (r < w)
	return k;
      r -= w;
    }
  return n - 1;
}

/* What ADDR designates.  */
static void
describe (char *out, size_t size, uintptr_t addr, uintptr_t t,
	  uintptr_t entry)
{
  Dl_info info;
  if (addr >= t && addr < t + 256)
    snprintf (out, size, "T+%u", (unsigned) (addr - t));
  else if (addr >= entry - 16 && addr < entry + 48)
    snprintf (out, size, "entry%+d", (int) (addr - entry));
  else if (dladdr ((void *) addr, &info) && info.dli_fname)
    {
      const char *base = strrchr (info.dli_fname, '/');
      snprintf (out, size, "%s+0x%" PRIxPTR "%s%s",
		base ? base + 1 : info.dli_fname,
		addr - (uintptr_t) info.dli_fbase,
		info.dli_sname ? ":" : "", info.dli_sname ? info.dli_sname : "");
    }
  else
    snprintf (out, size, "?0x%" PRIxPTR, addr);
}

static uintptr_t
rel32 (const uint8_t *p, uintptr_t next)
{
  int32_t d;
  memcpy (&d, p, 4);
  return next + (intptr_t) d;
}

/* The 8 bytes of a patch point at P: e9 rel32 + 3 bytes, or raw.  */
static void
print_patch_point (const char *what, uintptr_t p, uintptr_t t,
		   uintptr_t entry)
{
  const uint8_t *b = (const uint8_t *) p;
  char d[256];
  printf ("  %s:", what);
  if (b[0] == 0xe9)
    {
      describe (d, sizeof d, rel32 (b + 1, p + 5), t, entry);
      printf (" e9[%s]", d);
      b += 5;
      for (int i = 0; i < 3; i++)
	printf (" %02x", b[i]);
    }
  else
    for (int i = 0; i < 8; i++)
      printf (" %02x", b[i]);
  putchar ('\n');
}

/* The trampoline at T, as codegen.c lays it out.  */
static void
print_trampoline (uintptr_t t, uintptr_t entry)
{
  const uint8_t *b = (const uint8_t *) t;
  size_t at = 0;
  int n = 0;
  char d[256];
  printf ("  trampoline:");
  if (b[0] == 0xff && b[1] == 0x0d && b[6] == 0x0f && b[7] == 0x88)
    {
      describe (d, sizeof d, rel32 (b + 2, t + 6), t, entry);
      printf (" ff0d[%s]", d);
      describe (d, sizeof d, rel32 (b + 8, t + 12), t, entry);
      printf (" 0f88[%s]", d);
      at = 12;
      while (b[at] == 0x4c && b[at + 1] == 0x3b && b[at + 2] == 0x1d
	     && b[at + 7] == 0x0f && b[at + 8] == 0x84)
	{
	  describe (d, sizeof d, rel32 (b + at + 3, t + at + 7), t, entry);
	  printf (" 4c3b1d[%s]", d);
	  describe (d, sizeof d, rel32 (b + at + 9, t + at + 13), t, entry);
	  printf (" 0f84[%s]", d);
	  at += 13;
	  n++;
	}
      if (b[at] == 0xe9)
	{
	  describe (d, sizeof d, rel32 (b + at + 1, t + at + 5), t, entry);
	  printf (" e9[%s]", d);
	  at += 5;
	  printf (" pad");
	  while (at % 8)
	    printf ("%02x", b[at++]);
	  for (int i = 0; i < n; i++, at += 8)
	    {
	      uint64_t q;
	      memcpy (&q, b + at, 8);
	      describe (d, sizeof d, (uintptr_t) q, t, entry);
	      printf (" quad[%s]", d);
	    }
	}
    }
  /* What follows, up to 16 bytes: the chunk's rest.  */
  printf (" then");
  for (size_t i = 0; i < 16 && at + i < 256; i++)
    printf ("%02x", b[at + i]);
  printf (" (%zu bytes)\n", at);
}

int
main (int argc, char **argv)
{
  unsigned calls = argc > 1 ? (unsigned) atoi (argv[1]) : 400000;
  const char *dump = argc > 2 ? argv[2] : "trampolines.stats";
  long sum = libc_direct ('a');

  for (int round = 0; round < 2; round++)
    {
      for (unsigned i = 0; i < calls; i++)
	{
	  sum += call_few (few_targets[pick (i, 4)], (int) i);
	  sum += call_many (many_targets[pick (i, 8)], (int) i);
	  sum += call_libc (libc_targets[pick (i, 4)], 'a' + (int) (i % 26));
	}
      /* Let the guard round run before the second round's calls.  */
      dynpromote_synchronize ();
    }
  if (dynpromote_dump_stats (dump) != 0)
    {
      perror (dump);
      return 1;
    }

  Dl_info rt;
  if (dladdr ((void *) dynpromote_enabled, &rt))
    fprintf (stderr, "runtime: %s\n", rt.dli_fname);
  FILE *f = fopen (dump, "r");
  if (!f)
    {
      perror (dump);
      return 1;
    }
  char line[4096];
  while (fgets (line, sizeof line, f))
    {
      if (strncmp (line, "site ", 5))
	continue;
      char *func = strstr (line, " func="), *state = strstr (line, " state=");
      char *route = strstr (line, " route=");
      char *entry_s = strstr (line, " entry=0x");
      char *tramp_s = strstr (line, " trampoline=0x");
      char *plt = strstr (line, " via_plt=");
      if (!func || !state || !entry_s)
	continue;
      printf ("site%.*s%.*s%.*s%.*s\n",
	      (int) strcspn (func + 1, " \n") + 1, func,
	      (int) strcspn (state + 1, " \n") + 1, state,
	      route ? (int) strcspn (route + 1, " \n") + 1 : 0, route ? route : "",
	      plt ? (int) strcspn (plt + 1, " \n") + 1 : 0, plt ? plt : "");
      uintptr_t entry = (uintptr_t) strtoull (entry_s + 7, NULL, 16);
      uintptr_t t = tramp_s ? (uintptr_t) strtoull (tramp_s + 12, NULL, 16)
			    : 0;
      print_patch_point ("entry", entry, t, entry);
      /* A guarded site's hit patch point: 8 bytes before the entry
	 (dynpromote/abi.h), when it holds a jump.  */
      const uint8_t *hit = (const uint8_t *) entry - 8;
      if (hit[0] == 0xe9 && hit[5] == 0x0f && hit[6] == 0x1f)
	print_patch_point ("hit", entry - 8, t, entry);
      if (t)
	print_trampoline (t, entry);
    }
  fclose (f);
  return sum == 42;		/* keep the calls */
}
