/* Purpose: rewritten sites re-entered while they are active: a callee
   that calls back through the very same site (recursion through one
   site, 2000 deep, not a tail call), and two sites calling each other's
   functions alternately, with results checked at every level.  */
/* { dg-do run } */

#include "dp-test.h"

typedef long (*rec_fn) (long);
static rec_fn volatile self;

NOIPA long
through_site (long n)
{
  if (n == 0)
    return 0;
  long r = self (n - 1);	/* the one site, re-entered 2000 times */
  return r + n;
}

NOIPA long
count_down (long n)
{
  return through_site (n);
}

typedef long (*pp_fn) (long, long);
static pp_fn volatile ping_p, pong_p;

NOIPA long
ping (long n, long acc)
{
  if (n == 0)
    return acc;
  long r = pong_p (n - 1, acc + 1);
  return r + 0 * n;
}

NOIPA long
pong (long n, long acc)
{
  if (n == 0)
    return acc;
  long r = ping_p (n - 1, acc * 2 % 1000003);
  return r;
}

static volatile long sink;

int
main (void)
{
  self = count_down;
  ping_p = ping;
  pong_p = pong;
  for (int rep = 0; rep < 20; rep++)
    {
      long n = 2000 + rep;
      CHECK (through_site (n) == n * (n + 1) / 2);
      long acc = 0;
      for (long i = 6; i > 0; i--)
	acc = (i & 1) ? acc * 2 % 1000003 : acc + 1;
      CHECK (ping_p (6, 0) == acc);
      sink = ping_p (1000, rep);
    }
  puts ("ok");
  return 0;
}

/* { dg-output "ok" } */
/* { dg-final { scan-assembler {\tcall\t\.Ldp_(?:entry|hit|guard)_\d+$} } } */
/* { dg-final { scan-stats {^site [^\n]* func=through_site kind=call } } } */
/* { dg-final { scan-stats {^\s+target [^\n]*sym=count_down } } } */
