/* Purpose: a site called before its object registers (from a
   .preinit_array entry, before even the runtime's constructor, and from
   a constructor(101), which runs before the object's own registration
   constructor) reaches its target: the sampling routine finds no index
   and returns at once, so those calls are neither sampled nor counted.
   After registration the same site learns normally and is promoted on
   the targets it sees then.  */
/* { dg-do run } */
/* { dg-set-env DYNPROMOTE_LEARN_PERIOD 1 } */
/* { dg-set-env DYNPROMOTE_DECIDE_SAMPLES 32 } */
/* Promotion is the precondition here; without retpolines a
   monomorphic site would be left to the predictor.  */
/* { dg-set-env DYNPROMOTE_TRUST_PREDICTOR 0 } */

#include "dp-test.h"

typedef long (*fn) (long);
static volatile long sink;
static long early_ok;

NOIPA long sq (long x) { return x * x; }
NOIPA long neg (long x) { return -x; }
NOIPA long site (fn f, long x) { long r = f (x); sink = r; return r; }

static void
early (void)
{
  for (long i = 0; i < 50; i++)
    if (site (HIDE (sq), i) == i * i)
      early_ok++;
}

static void
preinit (int argc, char **argv, char **envp)
{
  (void) argc, (void) argv, (void) envp;
  early ();
}
__attribute__ ((section (".preinit_array"), used))
static void (*const preinit_entry) (int, char **, char **) = preinit;

__attribute__ ((constructor (101))) static void c101 (void) { early (); }

int
main (void)
{
  CHECK (early_ok == 100);
  for (long i = 0; i < 5000; i++)
    CHECK (site (HIDE (neg), i) == -i);
  char *stats = dp_stats_now ();
  const char *s = dp_stats_site (stats, "site", 0);
  CHECK (s && strstr (s, " state=promoted "));
  puts ("early calls ok");
  return 0;
}

/* { dg-output "early calls ok" } */
/* { dg-final { scan-stats {^site [^\n]* func=site kind=call state=promoted [^\n]*\n  target addr=0x[0-9a-f]+ sym=neg promoted=1 } } } */
/* { dg-final { scan-stats-not {sym=sq } } } */
