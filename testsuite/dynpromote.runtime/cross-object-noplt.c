/* Purpose: the twin of cross-object.c built with -fno-plt: the program
   calls strtol through its GOT slot (call *slot(%rip)) and has no PLT
   entry, no `jmp *slot(%rip)', for it, so a trampoline has no way to
   reach strtol in rel32: the site is promoted for its near target only
   and strtol stays on the protected indirect path (unreachable=1,
   via_plt=0).  Every call checks that it reached the function it asked
   for.  */
/* { dg-do run } */
/* { dg-options "-fno-plt" } */
/* { dg-set-env DYNPROMOTE_LEARN_PERIOD 1 } */
/* { dg-set-env DYNPROMOTE_SAMPLE_PERIOD 10 } */
/* { dg-set-env DYNPROMOTE_RECHECK_MS 0 } */

#include <stdint.h>
#include <time.h>
#include "dp-test.h"

typedef long (*parse_fn) (const char *, char **, int);

/* A direct call of strtol, not a tail call (-fno-plt makes that a
   `jmp *slot(%rip)').  */
NOIPA static long
mine (const char *s, char **end, int base)
{
  return strtol (s, end, base) + 1000;
}

NOIPA long
parse (parse_fn f, const char *s)
{
  return f (s, NULL, 10);
}

static void
drive (int rounds)
{
  static const char *const text[] = { "7", "-42", "123456789", "0" };
  static const long value[] = { 7, -42, 123456789, 0 };
  for (int r = 0; r < rounds; r++)
    for (long i = 0; i < 1000; i++)
      {
	const char *s = text[i % 4];
	if (i % 5 == 4)
	  CHECK (parse (HIDE (mine), s) == value[i % 4] + 1000);
	else
	  CHECK (parse (HIDE (strtol), s) == value[i % 4]);
      }
}

int
main (void)
{
  const char *site = NULL;
  char *stats = NULL;
  for (int round = 0; round < 500; round++)
    {
      drive (10);
      free (stats);
      stats = dp_stats_now ();
      site = dp_stats_site (stats, "parse", 0);
      if (site && strstr (site, " state=promoted "))
	break;
      struct timespec ts = { 0, 10000000 };
      nanosleep (&ts, NULL);
    }
  CHECK (site && strstr (site, " state=promoted "));
  CHECK (dp_stats_num (site, "unreachable") == 1);
  CHECK (dp_stats_num (site, "via_plt") == 0);
  free (stats);
  drive (50);
  puts ("cross-object-noplt ok");
  return 0;
}

/* { dg-output "cross-object-noplt ok" } */
/* { dg-final { scan-stats {^site [^\n]* func=parse [^\n]*state=promoted [^\n]* unreachable=1 via_plt=0 } } } */
