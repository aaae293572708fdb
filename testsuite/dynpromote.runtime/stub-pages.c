/* Purpose: after promotion, the only pages of the program that are the
   runtime's memory are its stub pages: the mapping holding a site's
   entry stub is shared anonymous memory ("/dev/zero (deleted)", r-xs)
   whose bounds are exactly the bracket sections the plugin emits around
   the stubs (__start_dynpromote_stubs_0 .. __start_dynpromote_stubs_9),
   while the mapping holding the site's call instruction, and main's,
   is still the program's file.  Twin: stub-pages-learn.c, where nothing
   is promoted and the stub pages stay the program's file too.  */
/* { dg-do run } */
/* Promotion is the precondition here; without retpolines a
   monomorphic or uniform site would be left to the predictor.  */
/* { dg-set-env DYNPROMOTE_TRUST_PREDICTOR 0 } */
/* { dg-set-env DYNPROMOTE_LEARN_PERIOD 1 } */
/* { dg-set-env DYNPROMOTE_DECIDE_SAMPLES 16 } */

#include <stdint.h>
#include "dp-test.h"

extern const char __start_dynpromote_stubs_0[] __attribute__ ((visibility ("hidden")));
extern const char __start_dynpromote_stubs_9[] __attribute__ ((visibility ("hidden")));

typedef long (*fn) (long);
NOIPA long inc (long x) { return x + 1; }
NOIPA long site (fn f, long x) { return f (x) + 1; }

/* The /proc/self/maps line of the mapping holding ADDR, in LINE.  */
static void
mapping_of (uintptr_t addr, char *line, size_t size, uintptr_t *lo,
	    uintptr_t *hi)
{
  FILE *f = fopen ("/proc/self/maps", "r");
  CHECK (f != NULL);
  while (fgets (line, (int) size, f))
    {
      unsigned long a, b;
      if (sscanf (line, "%lx-%lx", &a, &b) == 2 && addr >= a && addr < b)
	{
	  *lo = a;
	  *hi = b;
	  fclose (f);
	  return;
	}
    }
  CHECK (!"no mapping holds the address");
}

int
main (void)
{
  for (long i = 0; i < 200000; i++)
    CHECK (site (HIDE (inc), i) == i + 2);
  char *stats = dp_stats_now ();
  const char *line = dp_stats_site (stats, "site", 0);
  CHECK (line != NULL);
  uintptr_t entry = dp_stats_addr (line, "entry");
  uintptr_t call = dp_stats_addr (line, "call");
  int promoted = strstr (line, " state=promoted ") != NULL;
  free (stats);

  char map[512];
  uintptr_t lo, hi;
  mapping_of (entry, map, sizeof map, &lo, &hi);
  printf ("stubs: %s", map);
  CHECK (entry >= (uintptr_t) __start_dynpromote_stubs_0
	 && entry < (uintptr_t) __start_dynpromote_stubs_9);
  CHECK (((uintptr_t) __start_dynpromote_stubs_0 & 4095) == 0);
  CHECK (((uintptr_t) __start_dynpromote_stubs_9 & 4095) == 0);
  if (promoted)
    {
      CHECK (strstr (map, " r-xs ") && strstr (map, "/dev/zero (deleted)"));
      CHECK (lo == (uintptr_t) __start_dynpromote_stubs_0);
      CHECK (hi == (uintptr_t) __start_dynpromote_stubs_9);
    }
  else
    CHECK (strstr (map, " r-xp ") && strstr (map, ".exe"));

  mapping_of (call, map, sizeof map, &lo, &hi);
  printf ("call: %s", map);
  CHECK (strstr (map, " r-xp ") && strstr (map, ".exe\n"));
  mapping_of ((uintptr_t) &main, map, sizeof map, &lo, &hi);
  CHECK (strstr (map, " r-xp ") && strstr (map, ".exe\n"));
  puts (promoted ? "promoted; stub pages are ours" : "not promoted");
  return 0;
}

/* { dg-output "promoted; stub pages are ours" } */
/* { dg-final { scan-stats {^site [^\n]* func=site [^\n]*state=promoted } } } */
