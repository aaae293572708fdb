/* Purpose: a jump site whose targets move.  step () has one computed
   goto to four labels; in phase 1 its jumps go to A and B (48/52), in
   phase 2 to C and D.  The site is promoted with A and B at the head of
   its chain (the addresses of the labels, which step hands out), learns
   again when C and D take over, and is promoted with C and D at the
   head (promotions=2, a re-patch, a relearn in the promoter's totals);
   behind a retpoline a relearnt site keeps the targets it knew after
   the new ones, so A and B follow.  Every result is checked against
   step_ref throughout.  Retpoline build.  Mutation: with
   -fplugin-arg-dynpromote-no-jumps step has no site and the program
   says so (exit 1).  */
/* { dg-do run } */
/* { dg-options "-mindirect-branch=thunk -mindirect-branch-register" } */
/* { dg-set-env DYNPROMOTE_LEARN_PERIOD 1 } */
/* { dg-set-env DYNPROMOTE_SAMPLE_PERIOD 4 } */
/* { dg-set-env DYNPROMOTE_DECIDE_SAMPLES 64 } */
/* { dg-set-env DYNPROMOTE_RELEARN_WINDOW 16 } */
/* { dg-set-env DYNPROMOTE_REPATCH_INTERVAL_MS 0 } */

#include <stdint.h>
#include <time.h>
#include "dp-test.h"

static void *labels[4];

/* OP < 0 hands out the addresses of the labels.  */
NOIPA long
step (int op, long x)
{
  static void *const to[4] = { &&a, &&b, &&c, &&d };
  if (op < 0)
    {
      memcpy (labels, to, sizeof to);
      return 0;
    }
  goto *to[op];
 a: return x * 3 + 1;
 b: return x ^ 0x55;
 c: return x - 7;
 d: return (x >> 1) + 11;
}

DYNPROMOTE_OFF NOIPA long
step_ref (int op, long x)
{
  switch (op)
    {
    case 0: return x * 3 + 1;
    case 1: return x ^ 0x55;
    case 2: return x - 7;
    default: return (x >> 1) + 11;
    }
}

/* The first two promoted targets of step's site (the dump lists them
   in trampoline order), as a bit set of labels; -1 if the site is not
   promoted.  */
static int
promoted_labels (void)
{
  char *stats = dp_stats_now ();
  const char *line = dp_stats_site (stats, "step", 0);
  int set = -1;
  CHECK (line != NULL && strstr (line, " kind=jump ") != NULL);
  if (strstr (line, " state=promoted "))
    {
      /* The target lines follow the site's line in the dump.  */
      const char *p = strstr (stats, " func=step kind=jump ");
      set = 0;
      int head = 0;
      for (p = strchr (p, '\n') + 1; head < 2 && !strncmp (p, "  ", 2);
	   p = strchr (p, '\n') + 1)
	{
	  char target[512];
	  size_t len = (size_t) (strchr (p, '\n') - p);
	  CHECK (len < sizeof target);
	  memcpy (target, p, len);
	  target[len] = 0;
	  if (strncmp (target, "  target ", 9) || !strstr (target, " promoted=1 "))
	    continue;
	  uintptr_t addr = dp_stats_addr (target, "addr");
	  int known = 0;
	  for (int i = 0; i < 4; i++)
	    if (addr == (uintptr_t) labels[i])
	      {
		set |= 1 << i;
		known = 1;
	      }
	  CHECK (known);
	  head++;
	}
    }
  free (stats);
  return set;
}

/* The calls go to FIRST and FIRST + 1.  */
static void
drive (int first, long calls)
{
  static const int w[] = { 48, 52 };
  for (long i = 0; i < calls; i++)
    {
      int op = (first + dp_pick_share (i, w, 2)) % 4;
      if (step (op, i) != step_ref (op, i))
	{
	  fprintf (stderr, "step (%d, %ld) wrong\n", op, i);
	  abort ();
	}
    }
}

static int
phase (int first, int want)
{
  for (int round = 0; round < 500; round++)
    {
      drive (first, 5000);
      int set = promoted_labels ();
      if (set == want)
	return 1;
      struct timespec ts = { 0, 5000000 };
      nanosleep (&ts, NULL);
    }
  printf ("phase %d: step's site never promoted to labels %#x\n", first, want);
  return 0;
}

int
main (void)
{
  step (-1, 0);
  if (!phase (0, 0x3) || !phase (2, 0xc))
    return 1;
  puts ("phases ok");
  return 0;
}

/* { dg-output "phases ok" } */
/* { dg-final { scan-stats {^promoter promotions=([2-9]|[1-9]\d+) relearns=[1-9]\d* } } } */
/* { dg-final { scan-stats {^site [^\n]* func=step kind=jump state=promoted [^\n]* promotions=([2-9]|[1-9]\d+) repatches=[1-9]\d* } } } */
