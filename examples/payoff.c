/* payoff.c - three kinds of indirect call site, timed one by one: what
   scripts/demo builds plain, with dynpromote, with retpolines, and with
   both, to show what dynpromote buys for each.

     callback     one hot target: a handler installed once and called for
                  every item (an event loop's callback, a sort comparator)
     dispatch     a skewed dispatch: one message type in 90%, one in 8%,
                  six share the rest (a protocol parser's handler table)
     megamorphic  16 targets, evenly and unpredictably (no compare chain
                  can win here: dynpromote leaves it to the plain jump)

   Each phase prints its CPU time per call; the run ends with a checksum
   that is the same in every build.  Usage: payoff [MILLIONS] (default 20:
   calls per phase, in millions).  */

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

typedef long (*handler_fn) (long);

#define NOIPA __attribute__ ((noipa))

/* Sixteen distinct small functions.  */
#define DEFINE_HANDLER(n) \
  NOIPA static long handler_##n (long x) { return x * (2 * n + 1) + n; }
DEFINE_HANDLER (0) DEFINE_HANDLER (1) DEFINE_HANDLER (2) DEFINE_HANDLER (3)
DEFINE_HANDLER (4) DEFINE_HANDLER (5) DEFINE_HANDLER (6) DEFINE_HANDLER (7)
DEFINE_HANDLER (8) DEFINE_HANDLER (9) DEFINE_HANDLER (10) DEFINE_HANDLER (11)
DEFINE_HANDLER (12) DEFINE_HANDLER (13) DEFINE_HANDLER (14)
DEFINE_HANDLER (15)

static handler_fn const handlers[16] = {
  handler_0, handler_1, handler_2, handler_3, handler_4, handler_5,
  handler_6, handler_7, handler_8, handler_9, handler_10, handler_11,
  handler_12, handler_13, handler_14, handler_15
};

/* A cheap pseudo-random stream, the same in every build: the dispatch
   phases' choices are not a pattern the branch predictor can learn.  */
static unsigned long rng_state = 88172645463325252UL;
static inline unsigned long
rng (void)
{
  rng_state ^= rng_state << 13;
  rng_state ^= rng_state >> 7;
  rng_state ^= rng_state << 17;
  return rng_state;
}

struct loop
{
  handler_fn on_item;		/* installed once, at start-up */
};

NOIPA static long
run_callback (const struct loop *l, long n)
{
  long sum = 0;
  for (long i = 0; i < n; i++)
    sum += l->on_item (i);
  return sum;
}

/* Message types 0 (90%), 1 (8%), 2-7 (2%, evenly).  */
NOIPA static long
run_dispatch (long n)
{
  long sum = 0;
  for (long i = 0; i < n; i++)
    {
      unsigned r = rng () % 1000;
      unsigned type = r < 900 ? 0 : r < 980 ? 1 : 2 + (r % 6);
      sum += handlers[type] (i);
    }
  return sum;
}

NOIPA static long
run_megamorphic (long n)
{
  long sum = 0;
  for (long i = 0; i < n; i++)
    sum += handlers[rng () % 16] (i);
  return sum;
}

static double
cpu_seconds (void)
{
  struct timespec ts;
  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void
report (const char *phase, double seconds, long calls)
{
  printf ("phase %s ns_per_call=%.3f\n", phase, seconds * 1e9 / calls);
}

int
main (int argc, char **argv)
{
  long millions = argc > 1 ? strtol (argv[1], NULL, 10) : 20;
  if (millions <= 0 || millions > 100000)
    {
      fprintf (stderr, "usage: %s [MILLIONS]  (calls per phase, 1-100000)\n",
	       argv[0]);
      return 2;
    }
  long n = millions * 1000000;
  struct loop loop = { handlers[argc > 2 ? 5 : 3] };
  unsigned long check = 0;

  double t0 = cpu_seconds ();
  check += (unsigned long) run_callback (&loop, n);
  double t1 = cpu_seconds ();
  check += (unsigned long) run_dispatch (n);
  double t2 = cpu_seconds ();
  check += (unsigned long) run_megamorphic (n);
  double t3 = cpu_seconds ();

  report ("callback", t1 - t0, n);
  report ("dispatch", t2 - t1, n);
  report ("megamorphic", t3 - t2, n);
  printf ("checksum %lu\n", check);
  return 0;
}
