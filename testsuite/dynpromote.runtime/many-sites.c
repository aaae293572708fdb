/* Purpose: a program with 512 rewritten sites in one translation unit,
   each calling its own target: all 512 are registered (the object line
   counts them, each has its line), each learnt its one target, and the
   results are right.  */
/* { dg-do run } */
/* { dg-set-env DYNPROMOTE_SAMPLE_PERIOD 1 } */
/* { dg-set-env DYNPROMOTE_LEARN_PERIOD 1 } */
/* (The promotion runtime samples learning sites at its own
   DYNPROMOTE_LEARN_PERIOD; it is set to the same period.)  */

#include "dp-test.h"

typedef long (*fn) (long);
static volatile long sink;

#define SITE(n)							\
  NOIPA long target_##n (long x) { return x + n; }		\
  NOIPA long site_##n (fn f, long x)				\
  {								\
    long r = f (x);						\
    sink = r;							\
    return r;							\
  }
#define S4(n) SITE (n##0) SITE (n##1) SITE (n##2) SITE (n##3)
#define S16(n) S4 (n##0) S4 (n##1) S4 (n##2) S4 (n##3)
#define S64(n) S16 (n##0) S16 (n##1) S16 (n##2) S16 (n##3)
#define S256(n) S64 (n##0) S64 (n##1) S64 (n##2) S64 (n##3)
S256 (1)
S256 (2)

#define CALL(n) CHECK (site_##n (HIDE (target_##n), i) == i + n);
#define C4(n) CALL (n##0) CALL (n##1) CALL (n##2) CALL (n##3)
#define C16(n) C4 (n##0) C4 (n##1) C4 (n##2) C4 (n##3)
#define C64(n) C16 (n##0) C16 (n##1) C16 (n##2) C16 (n##3)
#define C256(n) C64 (n##0) C64 (n##1) C64 (n##2) C64 (n##3)

int
main (void)
{
  for (long i = 0; i < 3; i++)
    {
      C256 (1)
      C256 (2)
    }
  return 0;
}

/* { dg-final { scan-stats {^object path=\S*[/]many-sites\.exe abi=3 sites=512 state=loaded build_id=[0-9a-f]+$} } } */
/* { dg-final { scan-stats-times {^site [^\n]* func=site_\d+ kind=call state=\w+ calls=3 } 512 } } */
/* { dg-final { scan-stats-times {^  target [^\n]* sym=target_\d+ (\S+ )*samples=3 share=100\.0%( off=0x[0-9a-f]+)?$} 512 } } */
/* { dg-final { scan-stats {^site [^\n]* func=site_23333 [^\n]*\n  target [^\n]* sym=target_23333 } } } */
