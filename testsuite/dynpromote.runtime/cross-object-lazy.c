/* Purpose: a site whose hot target is in another shared object reaches
   it through the program's PLT entry even when lazy binding has not
   bound that entry's GOT slot yet at promotion (the program calls
   xo_parse directly only later, and never takes its address: the
   pointer comes from the library).  The runtime finds the slot by the
   symbol's name (the library defines xo_parse at exactly the target),
   the chain compares the slot's live value: before the first direct
   call it holds the PLT's resolver path and calls fall through to the
   protected indirect jump, still to xo_parse; after it, the slot holds
   xo_parse and the chain's compare matches.  Every call checks that it
   reached the function it asked for (a second target in the program
   too).  cross-object.c is the bound case.  */
/* { dg-do run } */
/* { dg-options "-Wl,-z,lazy" } */
/* { dg-dso xolazy cross-object-lazy-lib.c } */
/* { dg-link-dso xolazy } */
/* { dg-unset-env LD_BIND_NOW } */
/* { dg-set-env DYNPROMOTE_LEARN_PERIOD 1 } */
/* { dg-set-env DYNPROMOTE_SAMPLE_PERIOD 10 } */
/* { dg-set-env DYNPROMOTE_RECHECK_MS 0 } */

#include <stdint.h>
#include <time.h>
#include "dp-test.h"

typedef long (*parse_fn) (const char *);
extern long xo_parse (const char *);
extern parse_fn xo_parse_address (void);

/* The program's only direct call of xo_parse, made after promotion.  */
NOIPA static long
direct (const char *s)
{
  return xo_parse (s);
}

/* The second target, in the program, calling nothing.  */
NOIPA static long
mine (const char *s)
{
  long v = 0;
  while (*s)
    v = v * 7 + *s++;
  return v;
}

NOIPA long
parse (parse_fn f, const char *s)
{
  return f (s);
}

static uintptr_t
xo_parse_plt (void)
{
  void *p;
  __asm__ ("leaq xo_parse@PLT(%%rip), %0" : "=r" (p));
  return (uintptr_t) p;
}

static const char *const text[] = { "7", "-42", "123456789", "0" };
static const long value[] = { 7, -42, 123456789, 0 };

static void
drive (parse_fn f, int rounds)
{
  for (int r = 0; r < rounds; r++)
    for (long i = 0; i < 1000; i++)
      {
	const char *s = text[i % 4];
	if (i % 5 == 4)
	  CHECK (parse (HIDE (mine), s) == mine (s));
	else
	  CHECK (parse (HIDE (f), s) == value[i % 4]);
      }
}

int
main (void)
{
  parse_fn f = xo_parse_address ();
  uintptr_t plt = xo_parse_plt ();
  intptr_t d = (intptr_t) f - (intptr_t) plt;
  CHECK (d > INT32_MAX || d < INT32_MIN);
  /* The PLT entry: jmp *slot(%rip), the slot not bound yet.  */
  const unsigned char *j = (const unsigned char *) plt;
  if (j[0] == 0xf3)
    j += 4;			/* endbr64 (.plt.sec) */
  if (j[0] == 0xf2)
    j++;
  CHECK (j[0] == 0xff && j[1] == 0x25);
  const uint64_t *slot = (const uint64_t *) dp_rel32_destination (j + 2);
  CHECK (*slot != (uintptr_t) f);

  const char *site = NULL;
  char *stats = NULL;
  for (int round = 0; round < 500; round++)
    {
      drive (f, 10);
      free (stats);
      stats = dp_stats_now ();
      site = dp_stats_site (stats, "parse", 0);
      if (site && strstr (site, " state=promoted "))
	break;
      struct timespec ts = { 0, 10000000 };
      nanosleep (&ts, NULL);
    }
  CHECK (site && strstr (site, " state=promoted "));
  CHECK (dp_stats_num (site, "unreachable") == 0);
  CHECK (dp_stats_num (site, "via_plt") == 1);
  const unsigned char *t
    = (const unsigned char *) dp_stats_addr (site, "trampoline");
  int far = 0;
  for (const unsigned char *p = t + 12; p[0] == 0x4c; p += 13)
    if (dp_rel32_destination (p + 3) == (uintptr_t) slot)
      {
	CHECK (dp_rel32_destination (p + 9) == (uintptr_t) j
	       || dp_rel32_destination (p + 9) == plt);
	far++;
      }
  CHECK (far == 1);
  free (stats);

  /* Still unbound: the chain falls through, calls stay right.  */
  CHECK (*slot != (uintptr_t) f);
  drive (f, 20);
  CHECK (*slot != (uintptr_t) f);
  /* The first direct call binds the slot: the chain's compare now
     matches it.  */
  CHECK (direct ("-5") == -5);
  CHECK (*slot == (uintptr_t) f);
  drive (f, 20);
  puts ("cross-object-lazy ok");
  return 0;
}

/* { dg-output "cross-object-lazy ok" } */
/* { dg-final { scan-stats {^site [^\n]* func=parse [^\n]*state=promoted [^\n]* unreachable=0 via_plt=1 } } } */
