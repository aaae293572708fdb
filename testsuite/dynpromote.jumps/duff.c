/* Purpose: Duff's device (a switch that jumps into the middle of an
   unrolled loop) through a rewritten table jump: with retpolines and
   -fjump-tables the switch's jump is a table jump site like any other,
   its targets the entries into the loop body.  Copies of every length
   from 0 to 99 (so every entry is taken), from every offset, are
   checked word by word against a plain loop, with the site promoted
   (its targets are labels of duff_copy).  Mutation: with
   -fno-jump-tables there is no site (table-nojt.c) and the scans fail;
   the copies stay right.  */
/* { dg-do run } */
/* { dg-options "-mindirect-branch=thunk -mindirect-branch-register -fjump-tables" } */

#include <time.h>
#include "dp-test.h"

#define MASK 0x5a5a5a5a5a5aUL

NOIPA void
duff_copy (unsigned long *to, const unsigned long *from, long count)
{
  long n = (count + 7) / 8;
  if (count <= 0)
    return;
  switch (count % 8)
    {
    case 0: do { *to++ = *from++ ^ MASK;
    case 7:      *to++ = *from++ ^ MASK;
    case 6:      *to++ = *from++ ^ MASK;
    case 5:      *to++ = *from++ ^ MASK;
    case 4:      *to++ = *from++ ^ MASK;
    case 3:      *to++ = *from++ ^ MASK;
    case 2:      *to++ = *from++ ^ MASK;
    case 1:      *to++ = *from++ ^ MASK;
	       } while (--n > 0);
    }
}

static unsigned long src[128], dst[140];

static void
check_copy (long offset, long count)
{
  for (int i = 0; i < 140; i++)
    dst[i] = 0xdeadUL + (unsigned long) i;
  duff_copy (dst + 4, src + offset, count);
  for (long i = 0; i < 140; i++)
    {
      unsigned long want = (i >= 4 && i < 4 + count)
			   ? src[offset + i - 4] ^ MASK : 0xdeadUL + (unsigned long) i;
      if (dst[i] != want)
	{
	  fprintf (stderr, "count %ld offset %ld: word %ld is %#lx, not %#lx\n",
		   count, offset, i, dst[i], want);
	  abort ();
	}
    }
}

int
main (void)
{
  for (int i = 0; i < 128; i++)
    src[i] = (unsigned long) i * 0x9e3779b97f4a7c15UL;
  int promoted = 0;
  for (int round = 0; round < 500 && !promoted; round++)
    {
      for (long count = 0; count < 100; count++)
	check_copy (round % 20, count);
      char *stats = dp_stats_now ();
      const char *site = dp_stats_site (stats, "duff_copy", 0);
      CHECK (site != NULL);
      promoted = strstr (site, " state=promoted ") != NULL;
      free (stats);
      if (!promoted)
	{
	  struct timespec ts = { 0, 2000000 };
	  nanosleep (&ts, NULL);
	}
    }
  CHECK (promoted);
  for (long count = 0; count < 100; count++)
    check_copy (count % 20, count);
  puts ("duff ok");
  return 0;
}

/* { dg-output "duff ok" } */
/* { dg-final { scan-rtl-dump-times {^rewritten table jump site \d+ in duff_copy at \S*duff\.c:\d+$} 1 } } */
/* { dg-final { scan-assembler-not {\tjmp\t__x86_indirect_thunk_} } } */
/* { dg-final { scan-stats {^site [^\n]* func=duff_copy kind=jump state=promoted } } } */
/* Seven or eight targets: at -Os GCC's table has seven entries and
   case 0 is its range check's branch.  */
/* { dg-final { scan-stats {^site [^\n]* func=duff_copy kind=jump [^\n]*\n(?:  target [^\n]* sym=duff_copy\+0x[0-9a-f]+ [^\n]*\n){7}} } } */
