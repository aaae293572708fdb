/* shapes.c - ns per call of one call shape, in one build.

   Built several ways by bench/shapes and run interleaved, so that builds
   are compared side by side on the same (noisy) machine:

     (default)       the loop makes one indirect call per iteration; built
                     plain, with retpolines, and with the dynpromote plugin
                     on top of either
     -DSHAPES_CHAIN  the same loop with the call promoted by hand in C:
                     if (f == f0) f0 (x); else if (f == f1) ... over the
                     8 hottest targets (hottest first), else f (x)
     -DSHAPES_DIRECT the same loop, same loads, but a direct call of f0:
                     the floor (only meaningful for "mono")

   Shapes (target i is f<i>, hottest first; the sequence of targets is
   pseudo-random with a fixed seed, 65536 long, drawn from the weights):

     mono    100                       skew2  80/20
     unif2   50/50                     skew4  70/20/5/5
     unif4   25 x 4                    skew8  60/20/5/5/4/3/2/1
     unif8   12.5 x 8                  mega   64 targets, uniform

   The targets are cheap but not empty: each returns x + constant, and the
   result feeds the next call.  They are noinline and reached through a
   volatile table, so the compiler can neither inline nor devirtualise
   them.

   usage: shapes SHAPE [CALLS [WARMUP [SLEEP_MS [CHUNK]]]]
   Runs WARMUP calls (default 1000000) through the very call site that is
   timed (dynpromote learns and promotes the site in them: its passes run
   in this thread), sleeps SLEEP_MS (default 50), then times CALLS calls
   (default 20000000)
   in chunks of CHUNK calls (default 100000), each timed on its own, and
   prints one line:

     SHAPE BEST MEDIAN WALL

   ns per call of the fastest chunk, of the median chunk, and of all CALLS
   (wall clock).  On a shared machine a chunk during which the process was
   preempted or disturbed is slower, never faster, so BEST is the figure
   least sensitive to other load.  */

#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bench-util.h"

typedef long (*op_fn) (long);

#define NTARGETS 64
#define SEQ_LEN 65536u		/* power of two */

#define T(i) \
  __attribute__ ((noinline)) long f##i (long x); \
  __attribute__ ((noinline)) long f##i (long x) { return x + (i) + 1; }
#define T8(i) T (i##0) T (i##1) T (i##2) T (i##3) \
	      T (i##4) T (i##5) T (i##6) T (i##7)
/* f0..f7, f10..f17, ..., f70..f77: octal-looking names, 64 functions.  */
T8 () T8 (1) T8 (2) T8 (3) T8 (4) T8 (5) T8 (6) T8 (7)
#undef T8
#undef T

#define R8(i) f##i##0, f##i##1, f##i##2, f##i##3, \
	      f##i##4, f##i##5, f##i##6, f##i##7
/* volatile: the compiler must not know which functions are called.  */
static op_fn volatile table[NTARGETS] = {
  f0, f1, f2, f3, f4, f5, f6, f7,
  R8 (1), R8 (2), R8 (3), R8 (4), R8 (5), R8 (6), R8 (7)
};
#undef R8

/* Filled at run time from TABLE; not static, so nothing can be assumed
   about it either.  */
op_fn fns[NTARGETS];
unsigned char seq[SEQ_LEN];

__attribute__ ((noinline)) long
run (long n, const op_fn *fn, const unsigned char *s)
{
  long acc = 0;
  for (long i = 0; i < n; i++)
    {
      op_fn f = fn[s[i & (SEQ_LEN - 1)]];
#if defined SHAPES_DIRECT
      __asm__ ("" : : "r" (f));	/* keep the same loads */
      acc = f0 (acc);
#elif defined SHAPES_CHAIN
      if (f == f0)
	acc = f0 (acc);
      else if (f == f1)
	acc = f1 (acc);
      else if (f == f2)
	acc = f2 (acc);
      else if (f == f3)
	acc = f3 (acc);
      else if (f == f4)
	acc = f4 (acc);
      else if (f == f5)
	acc = f5 (acc);
      else if (f == f6)
	acc = f6 (acc);
      else if (f == f7)
	acc = f7 (acc);
      else
	acc = f (acc);
#else
      acc = f (acc);
#endif
    }
  return acc;
}

struct shape
{
  const char *name;
  int n;			/* targets */
  const double *w;		/* weights, NULL: uniform */
};

static const double w_mono[] = { 100 };
static const double w_skew2[] = { 80, 20 };
static const double w_skew4[] = { 70, 20, 5, 5 };
static const double w_skew8[] = { 60, 20, 5, 5, 4, 3, 2, 1 };

static const struct shape shapes[] = {
  { "mono", 1, w_mono },
  { "skew2", 2, w_skew2 },
  { "unif2", 2, NULL },
  { "skew4", 4, w_skew4 },
  { "unif4", 4, NULL },
  { "skew8", 8, w_skew8 },
  { "unif8", 8, NULL },
  { "mega", 64, NULL },
};

/* xorshift64: a fixed sequence, the same in every build.  */
static unsigned long long rng = 0x9e3779b97f4a7c15ull;
static double
uniform (void)
{
  rng ^= rng << 13;
  rng ^= rng >> 7;
  rng ^= rng << 17;
  return (rng >> 11) * (1.0 / 9007199254740992.0);
}

int
main (int argc, char **argv)
{
  if (argc < 2)
    {
      fprintf (stderr,
	       "usage: %s SHAPE [CALLS [WARMUP [SLEEP_MS [CHUNK]]]]\n",
	       argv[0]);
      return 2;
    }
  const struct shape *sh = NULL;
  for (size_t i = 0; i < sizeof shapes / sizeof shapes[0]; i++)
    if (!strcmp (argv[1], shapes[i].name))
      sh = &shapes[i];
  if (!sh)
    {
      fprintf (stderr, "%s: unknown shape %s\n", argv[0], argv[1]);
      return 2;
    }
  long n = argc > 2 ? (long) strtod (argv[2], NULL) : 20000000;
  long warm = argc > 3 ? (long) strtod (argv[3], NULL) : 1000000;
  long sleep_ms = argc > 4 ? atol (argv[4]) : 50;
  long chunk = argc > 5 ? (long) strtod (argv[5], NULL) : 100000;
  if (n < 1 || warm < 0 || sleep_ms < 0 || chunk < 1)
    {
      fprintf (stderr, "%s: bad CALLS, WARMUP, SLEEP_MS or CHUNK\n", argv[0]);
      return 2;
    }

  for (int i = 0; i < NTARGETS; i++)
    fns[i] = table[i];

  double cum[NTARGETS], total = 0;
  for (int i = 0; i < sh->n; i++)
    cum[i] = total += sh->w ? sh->w[i] : 1.0;
  for (unsigned j = 0; j < SEQ_LEN; j++)
    {
      double u = uniform () * total;
      int k = 0;
      while (k < sh->n - 1 && u >= cum[k])
	k++;
      seq[j] = (unsigned char) k;
    }

  long r = run (warm, fns, seq);
  struct timespec ts = { sleep_ms / 1000, (sleep_ms % 1000) * 1000000 };
  nanosleep (&ts, NULL);

  long nchunks = (n + chunk - 1) / chunk;
  double *ns = malloc (nchunks * sizeof *ns);
  if (!ns)
    return 1;
  double t0 = now (), t = t0;
  for (long c = 0; c < nchunks; c++)
    {
      long m = c < nchunks - 1 ? chunk : n - c * chunk;
      r += run (m, fns, seq);
      double t1 = now ();
      ns[c] = (t1 - t) * 1e9 / m;
      t = t1;
    }
  qsort (ns, nchunks, sizeof *ns, by_value);
  printf ("%s %.3f %.3f %.3f\n", sh->name, ns[0], ns[nchunks / 2],
	  (t - t0) * 1e9 / n);
  free (ns);
  return r == 42;		/* keep r alive */
}
