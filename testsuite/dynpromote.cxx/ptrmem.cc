// Purpose: pointer-to-member-function calls (non-virtual and virtual,
// with this-adjustment under multiple inheritance) are rewritten and
// reach the right member; so do calls through std::function and
// lambdas converted to function pointers.
// { dg-do run }

#include <functional>
#include "dp-test.h"

struct A
{
  long a = 1;
  long plain (long x) { return a + x; }
  virtual long virt (long x) { return a * x; }
  virtual ~A () {}
};

struct B
{
  long b = 100;
  long bplain (long x) { return b - x; }
  virtual long bvirt (long x) { return b + 2 * x; }
  virtual ~B () {}
};

struct C : A, B
{
  long virt (long x) override { return 1000 + x; }
  long bvirt (long x) override { return 2000 + x + b; }
};

typedef long (A::*a_pmf) (long);
typedef long (B::*b_pmf) (long);

NOIPA long
call_a (A *o, a_pmf f, long x)
{
  long r = (o->*f) (x);
  return r;
}

NOIPA long
call_b (B *o, b_pmf f, long x)
{
  long r = (o->*f) (x);
  return r;
}

NOIPA long
call_function (const std::function<long (long)> &f, long x)
{
  return f (x) + 0;
}

int
main ()
{
  for (long rep = 0; rep < 64; rep++)
    {
      A a;
      C c;
      CHECK (call_a (&a, HIDE (&A::plain), rep) == 1 + rep);
      CHECK (call_a (&a, HIDE (&A::virt), rep) == rep);
      CHECK (call_a (&c, HIDE (&A::virt), rep) == 1000 + rep);
      CHECK (call_b (&c, HIDE (&B::bplain), rep) == 100 - rep);
      CHECK (call_b (&c, HIDE (&B::bvirt), rep) == 2100 + rep);

      long k = rep;
      std::function<long (long)> f = [k] (long x) { return x * k; };
      CHECK (call_function (f, 3) == 3 * rep);
      long (*lp) (long) = [] (long x) { return x - 1; };
      CHECK (HIDE (lp) (rep) == rep - 1);
    }
  puts ("ok");
  return 0;
}

// { dg-output "ok" }
// { dg-final { scan-assembler {\tcall\t\.Ldp_(?:entry|hit|guard)_\d+$} } }
// { dg-final { scan-assembler-not {\tcall\t\*(?!__dynpromote_sample@GOTPCREL)} } }
// { dg-final { scan-stats {^site [^\n]* func=_Z6call_aP1AMS_FllEl kind=(call|sibcall) } } }
// { dg-final { scan-stats {^\s+target [^\n]*sym=_ZN1A5plainEl } } }
// { dg-final { scan-stats {^\s+target [^\n]*sym=_ZN1C4virtEl } } }
