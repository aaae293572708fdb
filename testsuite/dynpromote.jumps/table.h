/* table.h - a dense switch for the jump-table tests.  sw () has twelve
   cases, which GCC turns into a jump through a table (unless
   -fno-jump-tables, or retpolines without -fjump-tables: then compares);
   sw_ref is the same switch in a DYNPROMOTE_OFF function, whose jump
   stays as GCC made it.  Both call table_mix first, so neither is a
   leaf (no red zone) at any level.  table_drive () calls sw with a
   skewed mix of keys (40% 3, 40% 7, the rest spread over all thirteen,
   default included) and checks every result against sw_ref; it
   returns how many calls it made.  */

#include <time.h>
#include "dp-test.h"

NOIPA long
table_mix (long x)
{
  return x * 3 + 1;
}

#define TABLE_SWITCH(k, x)			\
  switch (k)					\
    {						\
    case 0: x += 11; break;			\
    case 1: x *= 13; break;			\
    case 2: x -= 17; break;			\
    case 3: x ^= 19; break;			\
    case 4: x += 23 << 4; break;		\
    case 5: x *= 29; break;			\
    case 6: x -= 31 << 3; break;		\
    case 7: x ^= 37 << 5; break;		\
    case 8: x = ~x; break;			\
    case 9: x = (long) ((unsigned long) x << 3); break;	\
    case 10: x = -x * 5; break;			\
    case 11: x >>= 2; break;			\
    default: x = 0; break;			\
    }

NOIPA long
sw (unsigned long k, long x)
{
  x = table_mix (x);
  TABLE_SWITCH (k, x);
  return x + 1;
}

DYNPROMOTE_OFF NOIPA long
sw_ref (unsigned long k, long x)
{
  x = table_mix (x);
  TABLE_SWITCH (k, x);
  return x + 1;
}

static unsigned long
table_key (long i)
{
  static const int w[] = { 40, 40, 20 };
  switch (dp_pick_share (i, w, 3))
    {
    case 0: return 3;
    case 1: return 7;
    default: return (unsigned long) (i / 100 % 13);
    }
}

static long
table_drive (long calls)
{
  for (long i = 0; i < calls; i++)
    {
      unsigned long k = table_key (i);
      long got = sw (k, i), want = sw_ref (k, i);
      if (got != want)
	{
	  fprintf (stderr, "sw (%lu, %ld) = %ld, sw_ref %ld\n", k, i, got, want);
	  abort ();
	}
    }
  return calls;
}

/* Drive sw until its jump site is out of learning (5 s at most); 1 if
   it was promoted.  */
static int
table_drive_until_promoted (void)
{
  for (int round = 0; round < 500; round++)
    {
      table_drive (2000);
      char *stats = dp_stats_now ();
      const char *site = dp_stats_site (stats, "sw", 0);
      int learning = !site || strstr (site, " state=learning ");
      int promoted = site && strstr (site, " state=promoted ");
      free (stats);
      if (!learning)
	return promoted;
      struct timespec ts = { 0, 10000000 };
      nanosleep (&ts, NULL);
    }
  return 0;
}
