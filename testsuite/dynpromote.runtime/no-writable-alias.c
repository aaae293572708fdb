/* Purpose: a writable view of the runtime's code exists only while the
   runtime writes it.  After promotions, relearns and reuse of retired
   trampolines, no mapping that is writable shares its memory (the
   same shared-memory inode in /proc/self/maps) with a mapping that is
   executable, and no mapping is writable and executable at once.  The
   promoter line counts the aliases it mapped (write_maps) for its
   writes.  Mutation: with dp_execmem_seal made a no-op (aliases kept
   after the batch, as every region had until ABI 2), this fails at
   its first check.  */
/* { dg-do run } */
/* Promotion is the precondition here; without retpolines a
   monomorphic or uniform site would be left to the predictor.  */
/* { dg-set-env DYNPROMOTE_TRUST_PREDICTOR 0 } */
/* { dg-set-env DYNPROMOTE_LEARN_PERIOD 1 } */
/* { dg-set-env DYNPROMOTE_DECIDE_SAMPLES 16 } */
/* { dg-set-env DYNPROMOTE_SAMPLE_PERIOD 4 } */
/* { dg-set-env DYNPROMOTE_RELEARN_WINDOW 16 } */
/* { dg-set-env DYNPROMOTE_REPATCH_INTERVAL_MS 0 } */
/* { dg-set-env DYNPROMOTE_MAX_REPATCH 1000 } */

#include "dp-test.h"

typedef long (*fn) (long);
NOIPA long f0 (long x) { return 3 * x; }
NOIPA long f1 (long x) { return 3 * x + 1; }
NOIPA long f2 (long x) { return 3 * x + 2; }
static fn const targets[3] = { f0, f1, f2 };
NOIPA long site (fn f, long x) { return f (x) + 1; }

/* 0 if some writable mapping shares memory with an executable one, or
   one mapping is both; 1 otherwise.  */
static int
no_alias (void)
{
  FILE *f = fopen ("/proc/self/maps", "r");
  CHECK (f != NULL);
  char line[512];
  unsigned long wino[256], xino[256];
  int nw = 0, nx = 0, ok = 1;
  while (fgets (line, sizeof line, f))
    {
      char perms[8];
      unsigned long inode;
      if (sscanf (line, "%*x-%*x %7s %*x %*x:%*x %lu", perms, &inode) != 2)
	continue;
      if (perms[1] == 'w' && perms[2] == 'x')
	ok = 0;
      if (inode == 0 || perms[3] != 's')
	continue;
      if (perms[1] == 'w' && nw < 256)
	wino[nw++] = inode;
      if (perms[2] == 'x' && nx < 256)
	xino[nx++] = inode;
    }
  fclose (f);
  for (int i = 0; i < nw; i++)
    for (int j = 0; j < nx; j++)
      if (wino[i] == xino[j])
	ok = 0;
  return ok;
}

int
main (void)
{
  long wrong = 0;
  for (int phase = 0; phase < 12; phase++)
    {
      for (long i = 0; i < 20000; i++)
	if (site (HIDE (targets[phase % 3]), i) != 3 * i + phase % 3 + 1)
	  wrong++;
      CHECK (no_alias ());
    }
  char *stats = dp_stats_now ();
  CHECK (no_alias ());
  free (stats);
  printf ("wrong=%ld\n", wrong);
  CHECK (wrong == 0);
  return 0;
}

/* { dg-output "wrong=0" } */
/* { dg-final { scan-stats {^promoter promotions=([2-9]|[1-9][0-9]+) relearns=[1-9][^\n]* write_maps=[1-9]} } } */
