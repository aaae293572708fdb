// Purpose: a guarded direct call of a C++ virtual function keeps the
// call's exception edges: D1::f throws for negative arguments, caught in
// run whichever way the call went (direct after the guard, or the
// site).  Profile: eh.stats (D1::f 86%, D2::f 14%).
/* { dg-do run } */
/* Every site is promoted (none left to the predictor), so its calls=
   counts every call that reaches it.  */
/* { dg-set-env DYNPROMOTE_TRUST_PREDICTOR 0 } */
/* { dg-options "-O2 -fcf-protection=none -fplugin-arg-dynpromote-profile=@SRCDIR@/eh.stats" } */

#include <cstdio>
#include <stdexcept>
#include "dp-test.h"

struct B { virtual int f (int) = 0; virtual ~B () {} };
struct D1 : B
{
  int f (int x) override
  {
    if (x < 0)
      throw std::runtime_error ("negative");
    return x + 1;
  }
};
struct D2 : B { int f (int x) override { return x * 2; } };

#line 1000 "cprof-eh.cc"
NOIPA int
run (B *b, int x)
{
  try { return b->f (x); } catch (const std::exception &) { return -1; }
}
#line 28 "eh.cc"

int
main ()
{
  D1 d1;
  D2 d2;
  for (int i = -100; i < 1000; i++)
    {
      bool two = i % 7 == 0;
      int want = i < 0 && !two ? -1 : two ? i * 2 : i + 1;
      CHECK (run (two ? (B *) &d2 : (B *) &d1, i) == want);
    }
  puts ("ok");
  return 0;
}

/* { dg-output "ok" } */
/* { dg-final { scan-tree-dump {in _Z3runP1Bi \(its site, 100 samples\): promoted _ZN2D11fEi \(86\.0%\)\n} } } */
/* { dg-final { scan-stats {^site [^\n]* func=_Z3runP1Bi kind=call [^\n]* calls=157 } } } */
