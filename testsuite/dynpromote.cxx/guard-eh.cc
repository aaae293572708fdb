// Purpose: with the inline guard, an exception unwinds correctly through
// both of a site's calls: the direct call to the promoted target and
// the out-of-line miss call (the unwinder and the landing pad must know
// both), with a handler in the calling function itself and in its
// caller, destructors run once, and stack-passed arguments arrive
// intact either way.
// { dg-do run }
// { dg-options "-fplugin-arg-dynpromote-inline-guard" }
// { dg-set-env DYNPROMOTE_LEARN_PERIOD 1 }
// { dg-set-env DYNPROMOTE_REPATCH_INTERVAL_MS 1 }

#include <initializer_list>
#include <time.h>
#include "dp-test.h"

static int live;
struct Counted
{
  Counted () { live++; }
  ~Counted () { live--; }
};

typedef long (*fn) (long, long, long, long, long, long, long, long);

NOIPA long
sum (long a, long b, long c, long d, long e, long f, long g, long h)
{
  return a + 2 * b + 3 * c + 4 * d + 5 * e + 6 * f + 7 * g + 8 * h;
}

NOIPA long
thrower (long a, long, long, long, long, long, long, long h)
{
  Counted c;
  if (a % 2)
    throw a * 100 + h;
  return -1;
}

// The handler is in the frame of the rewritten call.
NOIPA long
site (fn f, long x)
{
  Counted c;
  try
    {
      return f (x, 1, 2, 3, 4, 5, 6, 7);
    }
  catch (long v)
    {
      CHECK (live == 1);
      return v;
    }
}

// No handler here: the exception leaves through the site.
NOIPA long
bare (fn f, long x)
{
  Counted c;
  return f (x, 1, 2, 3, 4, 5, 6, 7) + 1;
}

static long expect_sum (long x) { return x + 2 + 6 + 12 + 20 + 30 + 42 + 56; }

// Calls with HOT until both sites' calls point at it, then through the
// miss path with OTHER; every result checked.
static void
phase (fn hot, fn other)
{
  for (int round = 0; round < 500; round++)
    {
      for (long i = 0; i < 2000; i++)
	for (fn f : { hot, hot, hot, other })
	  {
	    long r = site (HIDE (f), i);
	    CHECK (f == sum ? r == expect_sum (i)
		   : i % 2 ? r == i * 100 + 7 : r == -1);
	    try
	      {
		r = bare (HIDE (f), i);
		CHECK (f == sum ? r == expect_sum (i) + 1 : r == 0);
		CHECK (f == sum || i % 2 == 0);
	      }
	    catch (long v)
	      {
		CHECK (f == thrower && i % 2 && v == i * 100 + 7);
	      }
	    CHECK (live == 0);
	  }
      char *stats = dp_stats_now ();
      const char *a = dp_stats_site (stats, "_Z4sitePFlllllllllEl", 0);
      const char *b = dp_stats_site (stats, "_Z4barePFlllllllllEl", 0);
      bool done = a && b && strstr (a, " route=direct")
		  && strstr (b, " route=direct");
      free (stats);
      if (done)
	return;
      struct timespec ts = { 0, 10000000 };
      nanosleep (&ts, NULL);
    }
  CHECK (!"the calls were not made direct in 5 s");
}

int
main ()
{
  phase (sum, thrower);
  phase (thrower, sum);
  puts ("guard eh ok");
  return 0;
}

// { dg-output "guard eh ok" }
